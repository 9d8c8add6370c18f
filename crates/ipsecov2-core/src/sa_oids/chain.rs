//! Walking `Next`-linked OID lists (ADD_SA, DELETE_SA) safely: a length bound and cycle
//! detection (Brent's algorithm) over the pointer values, so a malformed list can neither
//! loop the kernel forever nor run it past a bound.

use crate::sa::SaError;

/// Checks a chain one pointer at a time.
pub struct ChainGuard {
    bound: u32,
    steps: u32,
    power: u32,
    lambda: u32,
    saved: u64,
}

impl ChainGuard {
    /// A guard allowing at most `bound` elements.
    pub fn new(bound: u32) -> Self {
        Self {
            bound,
            steps: 0,
            power: 1,
            lambda: 0,
            saved: 0,
        }
    }

    /// Accepts the address of the next element (non-zero).
    pub fn step(&mut self, address: u64) -> Result<(), SaError> {
        if self.steps > 0 && address == self.saved {
            return Err(SaError::ChainCycle);
        }
        self.steps += 1;
        if self.steps > self.bound {
            return Err(SaError::ChainTooLong);
        }
        self.lambda += 1;
        if self.steps == 1 || self.lambda == self.power {
            self.saved = address;
            self.power = self.power.saturating_mul(2);
            self.lambda = 0;
        }
        Ok(())
    }

    /// Elements accepted so far.
    pub fn len(&self) -> u32 {
        self.steps
    }

    /// True before the first element.
    pub fn is_empty(&self) -> bool {
        self.steps == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Walks `next` (a map from address to next address; 0 ends) from `head`.
    fn walk(next: &[(u64, u64)], head: u64, bound: u32) -> Result<u32, SaError> {
        let mut guard = ChainGuard::new(bound);
        let mut at = head;
        while at != 0 {
            guard.step(at)?;
            at = next.iter().find(|(a, _)| *a == at).map_or(0, |(_, n)| *n);
        }
        Ok(guard.len())
    }

    #[test]
    fn straight_lists_pass() {
        assert_eq!(walk(&[(1, 2), (2, 3), (3, 0)], 1, 10), Ok(3));
        assert_eq!(walk(&[], 0, 10), Ok(0));
    }

    #[test]
    fn cycles_are_found_wherever_they_close() {
        assert_eq!(walk(&[(1, 1)], 1, 100), Err(SaError::ChainCycle));
        assert_eq!(walk(&[(1, 2), (2, 1)], 1, 100), Err(SaError::ChainCycle));
        // A tail of 5 then a loop of 7.
        let mut links: std::vec::Vec<(u64, u64)> = (1..=11).map(|a| (a, a + 1)).collect();
        links.push((12, 6));
        assert_eq!(walk(&links, 1, 1000), Err(SaError::ChainCycle));
    }

    #[test]
    fn long_lists_hit_the_bound() {
        let links: std::vec::Vec<(u64, u64)> = (1..=20)
            .map(|a| (a, if a == 20 { 0 } else { a + 1 }))
            .collect();
        assert_eq!(walk(&links, 1, 20), Ok(20));
        assert_eq!(walk(&links, 1, 19), Err(SaError::ChainTooLong));
    }
}
