//! Little-endian field access over byte slices, bounds-checked.
//!
//! NDIS structures arrive as bytes copied out of an OID information buffer; these helpers read
//! and write fixed-width fields at byte offsets without ever panicking on a short buffer.

/// Reads a `u8` at `offset`, or `None` when the buffer is too short.
pub fn read_u8(buf: &[u8], offset: usize) -> Option<u8> {
    buf.get(offset).copied()
}

/// Reads a little-endian `u16` at `offset`.
pub fn read_u16(buf: &[u8], offset: usize) -> Option<u16> {
    let bytes = buf.get(offset..offset.checked_add(2)?)?;
    Some(u16::from_le_bytes([bytes[0], bytes[1]]))
}

/// Reads a little-endian `u32` at `offset`.
pub fn read_u32(buf: &[u8], offset: usize) -> Option<u32> {
    let bytes = buf.get(offset..offset.checked_add(4)?)?;
    let mut word = [0u8; 4];
    word.copy_from_slice(bytes);
    Some(u32::from_le_bytes(word))
}

/// Reads a little-endian `u64` at `offset`.
pub fn read_u64(buf: &[u8], offset: usize) -> Option<u64> {
    let bytes = buf.get(offset..offset.checked_add(8)?)?;
    let mut word = [0u8; 8];
    word.copy_from_slice(bytes);
    Some(u64::from_le_bytes(word))
}

/// Writes `bytes` at `offset`; `false` (and nothing written) when they do not fit.
pub fn write_bytes(buf: &mut [u8], offset: usize, bytes: &[u8]) -> bool {
    let Some(end) = offset.checked_add(bytes.len()) else {
        return false;
    };
    match buf.get_mut(offset..end) {
        Some(dst) => {
            dst.copy_from_slice(bytes);
            true
        }
        None => false,
    }
}

/// Writes a little-endian `u16` at `offset`.
pub fn write_u16(buf: &mut [u8], offset: usize, value: u16) -> bool {
    write_bytes(buf, offset, &value.to_le_bytes())
}

/// Writes a little-endian `u32` at `offset`.
pub fn write_u32(buf: &mut [u8], offset: usize, value: u32) -> bool {
    write_bytes(buf, offset, &value.to_le_bytes())
}

/// Writes a little-endian `u64` at `offset`.
pub fn write_u64(buf: &mut [u8], offset: usize, value: u64) -> bool {
    write_bytes(buf, offset, &value.to_le_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_bounds_checked() {
        let buf = [1u8, 2, 3, 4, 5];
        assert_eq!(read_u32(&buf, 0), Some(0x0403_0201));
        assert_eq!(read_u32(&buf, 1), Some(0x0504_0302));
        assert_eq!(read_u32(&buf, 2), None);
        assert_eq!(read_u16(&buf, usize::MAX), None);
        assert_eq!(read_u64(&buf, 0), None);
        assert_eq!(read_u8(&buf, 5), None);
    }

    #[test]
    fn writes_are_all_or_nothing() {
        let mut buf = [0u8; 6];
        assert!(write_u32(&mut buf, 2, 0xAABB_CCDD));
        assert_eq!(buf, [0, 0, 0xDD, 0xCC, 0xBB, 0xAA]);
        assert!(!write_u32(&mut buf, 3, 0x1111_1111));
        assert_eq!(buf, [0, 0, 0xDD, 0xCC, 0xBB, 0xAA]);
        assert!(!write_bytes(&mut buf, usize::MAX, &[1]));
        assert!(write_u64(&mut [0u8; 8], 0, u64::MAX));
        assert!(write_u16(&mut buf, 4, 7));
        assert_eq!(read_u16(&buf, 4), Some(7));
    }
}
