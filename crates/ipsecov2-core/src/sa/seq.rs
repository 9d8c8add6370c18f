//! Sequence-number state of one SA element, and extended sequence number (ESN) inference.
//!
//! The wire carries the low 32 bits of a 64-bit ESN sequence number; the high 32 bits enter
//! only the ICV. An outbound offload NIC must know the high bits the stack uses; an inbound one
//! must guess them for each packet from what it has seen (RFC 4303 Appendix A2.1). mlx5 keeps
//! the same knowledge as `esn_msb` plus an `overlap` bit saying whether the bottom of the
//! replay window has passed the middle of the 32-bit space; [`SeqState::overlap`] reports it.

use crate::sync::{AtomicU32, AtomicU64, Ordering};

/// Replay-window size used for ESN inference (RFC 4303's default of 64 for ESN SAs).
pub const ESN_WINDOW: u32 = 64;

/// The sequence state of one element (AH or ESP) of a bundle.
pub struct SeqState {
    /// ESN high-order bits last given by ADD_SA / UPDATE_SA.
    high: AtomicU32,
    /// Highest 64-bit sequence number processed (sent, or received and verified); 0 until
    /// the first packet (sequence number 0 is never sent: RFC 4303 §3.3.3).
    top: AtomicU64,
}

impl SeqState {
    /// State at ADD_SA time with the stack's initial high-order bits.
    pub fn new(high: u32) -> Self {
        Self {
            high: AtomicU32::new(high),
            top: AtomicU64::new(0),
        }
    }

    /// The high-order bits the stack last set.
    pub fn high(&self) -> u32 {
        self.high.load(Ordering::Acquire)
    }

    /// UPDATE_SA: new high-order bits from the stack.
    pub fn set_high(&self, high: u32) {
        self.high.store(high, Ordering::Release);
    }

    /// Highest 64-bit sequence number processed so far.
    pub fn top(&self) -> u64 {
        self.top.load(Ordering::Acquire)
    }

    /// Records `seq` as processed; the top only moves forward.
    pub fn advance(&self, seq: u64) {
        self.top.fetch_max(seq, Ordering::AcqRel);
    }

    /// mlx5's `overlap` bit: the replay window's bottom lies in the upper half of the 32-bit
    /// space of the current high-order value.
    pub fn overlap(&self) -> bool {
        let bottom = (self.top() as u32).wrapping_sub(ESN_WINDOW - 1);
        bottom >= 0x8000_0000
    }

    /// The two candidate full sequence numbers of a received packet with low bits `low`,
    /// most likely first. The first packet takes the stack's high bits; an UPDATE_SA that
    /// moved the high bits past what was seen wins; otherwise RFC 4303 A2.1 decides. The second
    /// candidate is the neighbouring epoch, tried when the first fails the ICV (RFC 4303 A3),
    /// which absorbs an UPDATE_SA that arrives just before or just after the wrap.
    pub fn inbound_candidates(&self, low: u32) -> [u64; 2] {
        let top = self.top();
        let high = u64::from(self.high());
        let seen_high = top >> 32;
        let primary = if top == 0 || high > seen_high {
            (high << 32) | u64::from(low)
        } else {
            infer_esn(top, low, ESN_WINDOW)
        };
        let alternative = if top != 0 && primary >> 32 > seen_high {
            primary.wrapping_sub(1 << 32)
        } else {
            primary.wrapping_add(1 << 32)
        };
        [primary, alternative]
    }

    /// The full sequence number of an outbound packet with low bits `low`: the stack's high
    /// bits for the first packet or after an UPDATE_SA moved them forward; afterwards the
    /// next epoch once the low bits wrapped (mlx5's overlap rule with a half-space window).
    pub fn outbound(&self, low: u32) -> u64 {
        let top = self.top();
        let high = u64::from(self.high());
        if top == 0 {
            (high << 32) | u64::from(low)
        } else if high > top >> 32 {
            // UPDATE_SA announced a new epoch: a low half in the upper half of the space still
            // belongs to the old one (an UPDATE_SA that came before the last old packets).
            infer_esn(high << 32, low, 0x8000_0000)
        } else {
            infer_esn(top, low, 0x8000_0000)
        }
    }
}

/// RFC 4303 Appendix A2.1: the 64-bit sequence number of a packet whose low 32 bits are
/// `low`, given the highest authenticated sequence number `top` and the window size.
pub fn infer_esn(top: u64, low: u32, window: u32) -> u64 {
    let th = (top >> 32) as u32;
    let tl = top as u32;
    let bottom = tl.wrapping_sub(window.wrapping_sub(1));
    let high = if tl >= window.wrapping_sub(1) {
        // Case A: the window lies within one high-order epoch.
        if low >= bottom {
            th
        } else {
            th.wrapping_add(1)
        }
    } else {
        // Case B: the window spans the boundary with the previous epoch.
        if low >= bottom {
            th.wrapping_sub(1)
        } else {
            th
        }
    };
    (u64::from(high) << 32) | u64::from(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4303_case_a() {
        let top = (5u64 << 32) | 1000;
        assert_eq!(infer_esn(top, 1000, 64), (5 << 32) | 1000);
        assert_eq!(
            infer_esn(top, 990, 64),
            (5 << 32) | 990,
            "inside the window"
        );
        assert_eq!(
            infer_esn(top, 5000, 64),
            (5 << 32) | 5000,
            "ahead, same epoch"
        );
        assert_eq!(
            infer_esn(top, 10, 64),
            (6 << 32) | 10,
            "below the window: next epoch"
        );
    }

    #[test]
    fn rfc4303_case_b_near_the_wrap() {
        let top = (6u64 << 32) | 10; // just wrapped into epoch 6
        assert_eq!(infer_esn(top, 12, 64), (6 << 32) | 12);
        assert_eq!(
            infer_esn(top, 0xFFFF_FFF0, 64),
            (5 << 32) | 0xFFFF_FFF0,
            "late packet"
        );
        assert_eq!(infer_esn(top, 0x1000, 64), (6 << 32) | 0x1000);
    }

    #[test]
    fn state_moves_forward_and_reports_overlap() {
        let s = SeqState::new(3);
        assert_eq!(s.top(), 0, "nothing processed yet");
        assert_eq!(
            s.inbound_candidates(0xFFFF_FFF0)[0],
            (3 << 32) | 0xFFFF_FFF0,
            "first packet: the stack's high bits"
        );
        assert_eq!(s.outbound(5), (3 << 32) | 5);
        s.advance((3 << 32) | 0x100);
        assert!(!s.overlap());
        s.advance((3 << 32) | 0x50);
        assert_eq!(s.top(), (3 << 32) | 0x100, "never moves backward");
        s.advance((3 << 32) | 0x9000_0000);
        assert!(s.overlap());
        assert_eq!(
            s.inbound_candidates(0x10),
            [(4 << 32) | 0x10, (3 << 32) | 0x10]
        );
        assert_eq!(
            s.outbound(0x10),
            (4 << 32) | 0x10,
            "outbound wrapped without UPDATE_SA"
        );
        assert_eq!(s.outbound(0x9000_0001), (3 << 32) | 0x9000_0001);
        s.set_high(9);
        assert_eq!(s.high(), 9);
        assert_eq!(s.inbound_candidates(7), [(9 << 32) | 7, (8 << 32) | 7]);
        assert_eq!(
            s.outbound(7),
            (9 << 32) | 7,
            "UPDATE_SA moved the epoch forward"
        );
    }

    #[test]
    fn update_just_before_and_after_the_wrap() {
        // Receiver at the end of epoch 5; the stack announces 6 before the last old packets.
        let s = SeqState::new(5);
        s.advance((5 << 32) | 0xFFFF_FFF0);
        s.set_high(6);
        let late_old = s.inbound_candidates(0xFFFF_FFF5);
        assert!(
            late_old.contains(&((5 << 32) | 0xFFFF_FFF5)),
            "{late_old:x?}"
        );
        let new = s.inbound_candidates(2);
        assert_eq!(new[0], (6 << 32) | 2);
        // Announced only after the wrap: inference already moved to epoch 6.
        let t = SeqState::new(5);
        t.advance((5 << 32) | 0xFFFF_FFF0);
        assert_eq!(t.inbound_candidates(3)[0], (6 << 32) | 3);
        t.advance((6 << 32) | 3);
        t.set_high(6);
        assert_eq!(t.inbound_candidates(4)[0], (6 << 32) | 4);
    }
}
