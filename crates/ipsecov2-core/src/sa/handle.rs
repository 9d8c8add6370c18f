//! Offload handles: the opaque, never-zero values the stack holds for SA bundles.
//!
//! A handle packs the slot index, the slot's generation and the bundle's direction, then runs
//! them through a bijective mix keyed per table, so that handles are neither small integers
//! nor pointers and a forged or stale value decodes to a slot whose generation does not
//! match. The mix maps 0 to 0 only, and a packed value is never 0 (generations start at 1).

use super::spec::Direction;

/// The fields a handle carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HandleFields {
    pub slot: u32,
    /// Slot generation, 1..=2^31-1.
    pub generation: u32,
    pub direction: Direction,
}

/// Largest generation a handle can carry (31 bits); generations wrap from here to 1.
pub const MAX_GENERATION: u32 = 0x7FFF_FFFF;

/// Encodes and decodes handles with a per-table key.
#[derive(Clone, Copy, Debug)]
pub struct HandleCodec {
    multiplier: u64,
    inverse: u64,
}

impl HandleCodec {
    /// A codec keyed by `seed` (the shell passes a boot-time random-ish value).
    pub fn new(seed: u64) -> Self {
        // Any odd multiplier is invertible modulo 2^64.
        let multiplier = (seed ^ 0x9E37_79B9_7F4A_7C15) | 1;
        Self {
            multiplier,
            inverse: inverse_mod_2_64(multiplier),
        }
    }

    /// The handle for `fields`.
    pub fn encode(&self, fields: HandleFields) -> u64 {
        let dir = match fields.direction {
            Direction::Inbound => 1u64,
            Direction::Outbound => 0,
        };
        let packed = (u64::from(fields.generation & MAX_GENERATION) << 33)
            | (dir << 32)
            | u64::from(fields.slot);
        mix(packed).wrapping_mul(self.multiplier)
    }

    /// The fields of a handle; `None` for 0 or a value no generation can produce.
    pub fn decode(&self, handle: u64) -> Option<HandleFields> {
        if handle == 0 {
            return None;
        }
        let packed = unmix(handle.wrapping_mul(self.inverse));
        let generation = (packed >> 33) as u32;
        if generation == 0 {
            return None;
        }
        let direction = if packed & (1 << 32) != 0 {
            Direction::Inbound
        } else {
            Direction::Outbound
        };
        Some(HandleFields {
            slot: packed as u32,
            generation,
            direction,
        })
    }
}

/// The next generation after `generation`, skipping 0.
pub fn next_generation(generation: u32) -> u32 {
    if generation >= MAX_GENERATION {
        1
    } else {
        generation + 1
    }
}

/// xorshift-multiply mix (bijective, 0 ↦ 0).
fn mix(mut x: u64) -> u64 {
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    x
}

fn unmix(mut x: u64) -> u64 {
    x = undo_xorshift_right(x, 29);
    x = x.wrapping_mul(inverse_mod_2_64(0xBF58_476D_1CE4_E5B9));
    undo_xorshift_right(x, 31)
}

fn undo_xorshift_right(y: u64, shift: u32) -> u64 {
    let mut x = y;
    let mut i = shift;
    while i < 64 {
        x = y ^ (x >> shift);
        i += shift;
    }
    x
}

/// Inverse of an odd `a` modulo 2^64 by Newton's iteration.
fn inverse_mod_2_64(a: u64) -> u64 {
    let mut x = a; // correct to 3 bits for odd a
    for _ in 0..6 {
        x = x.wrapping_mul(2u64.wrapping_sub(a.wrapping_mul(x)));
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_is_never_zero() {
        for seed in [0u64, 1, 0xDEAD_BEEF, u64::MAX] {
            let codec = HandleCodec::new(seed);
            for slot in [0u32, 1, 1023, 1 << 20, u32::MAX] {
                for generation in [1u32, 2, 77, MAX_GENERATION] {
                    for direction in [Direction::Inbound, Direction::Outbound] {
                        let fields = HandleFields {
                            slot,
                            generation,
                            direction,
                        };
                        let handle = codec.encode(fields);
                        assert_ne!(handle, 0);
                        assert_eq!(codec.decode(handle), Some(fields));
                    }
                }
            }
            assert_eq!(codec.decode(0), None);
        }
    }

    #[test]
    fn mixes_are_bijections() {
        for x in [0u64, 1, 2, 0x1234_5678_9ABC_DEF0, u64::MAX] {
            assert_eq!(unmix(mix(x)), x);
        }
        assert_eq!(inverse_mod_2_64(3).wrapping_mul(3), 1);
    }

    #[test]
    fn handles_of_neighbouring_slots_look_unrelated() {
        let codec = HandleCodec::new(42);
        let a = codec.encode(HandleFields {
            slot: 0,
            generation: 1,
            direction: Direction::Outbound,
        });
        let b = codec.encode(HandleFields {
            slot: 1,
            generation: 1,
            direction: Direction::Outbound,
        });
        assert!((a ^ b).count_ones() > 8, "{a:#x} vs {b:#x}");
        assert!(
            a > 0xFFFF_FFFF || b > 0xFFFF_FFFF,
            "handles are not small integers"
        );
    }

    #[test]
    fn generations_wrap_past_zero() {
        assert_eq!(next_generation(1), 2);
        assert_eq!(next_generation(MAX_GENERATION), 1);
    }
}
