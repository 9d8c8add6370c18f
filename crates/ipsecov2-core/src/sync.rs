//! The synchronisation primitives of the core, swappable for loom's models.
//!
//! Normal builds use `core` atomics and the `spin` crate's locks (no OS, no blocking: the
//! kernel shell calls the core at IRQL <= DISPATCH_LEVEL). With `--cfg loom` the same names
//! resolve to loom's instrumented versions, so the SA table's concurrency protocol can be
//! model-checked (`tests/loom_sa_table.rs`).
//!
//! Only `try_read` / `try_write` are offered on the slot lock: the data path never waits.

#[cfg(not(loom))]
pub use core::sync::atomic::{AtomicU32, AtomicU64, Ordering, fence};
#[cfg(loom)]
pub use loom::sync::atomic::{AtomicU32, AtomicU64, Ordering, fence};

/// Spin hint in bounded retry loops (a yield under loom, so the model can make progress).
#[inline]
pub fn spin_hint() {
    #[cfg(loom)]
    loom::thread::yield_now();
    #[cfg(not(loom))]
    core::hint::spin_loop();
}

#[cfg(not(loom))]
mod imp {
    /// Reader-writer lock over one SA slot.
    pub struct SlotLock<T>(spin::RwLock<T>);
    /// Shared access to a slot.
    pub type ReadGuard<'a, T> = spin::RwLockReadGuard<'a, T>;
    /// Exclusive access to a slot.
    pub type WriteGuard<'a, T> = spin::RwLockWriteGuard<'a, T>;

    impl<T> SlotLock<T> {
        pub fn new(value: T) -> Self {
            Self(spin::RwLock::new(value))
        }
        pub fn try_read(&self) -> Option<ReadGuard<'_, T>> {
            self.0.try_read()
        }
        pub fn try_write(&self) -> Option<WriteGuard<'_, T>> {
            self.0.try_write()
        }
    }

    /// Mutual exclusion among the OID-path writers of a table.
    pub struct Mutex<T>(spin::Mutex<T>);
    /// Guard of [`Mutex`].
    pub type MutexGuard<'a, T> = spin::MutexGuard<'a, T>;

    impl<T> Mutex<T> {
        pub fn new(value: T) -> Self {
            Self(spin::Mutex::new(value))
        }
        pub fn lock(&self) -> MutexGuard<'_, T> {
            self.0.lock()
        }
    }
}

#[cfg(loom)]
mod imp {
    /// Reader-writer lock over one SA slot (loom model).
    pub struct SlotLock<T>(loom::sync::RwLock<T>);
    pub type ReadGuard<'a, T> = loom::sync::RwLockReadGuard<'a, T>;
    pub type WriteGuard<'a, T> = loom::sync::RwLockWriteGuard<'a, T>;

    impl<T> SlotLock<T> {
        pub fn new(value: T) -> Self {
            Self(loom::sync::RwLock::new(value))
        }
        pub fn try_read(&self) -> Option<ReadGuard<'_, T>> {
            self.0.try_read().ok()
        }
        pub fn try_write(&self) -> Option<WriteGuard<'_, T>> {
            self.0.try_write().ok()
        }
    }

    /// Mutual exclusion among writers (loom model).
    pub struct Mutex<T>(loom::sync::Mutex<T>);
    pub type MutexGuard<'a, T> = loom::sync::MutexGuard<'a, T>;

    impl<T> Mutex<T> {
        pub fn new(value: T) -> Self {
            Self(loom::sync::Mutex::new(value))
        }
        pub fn lock(&self) -> MutexGuard<'_, T> {
            // A poisoned lock means a panic in a model thread; propagate it.
            match self.0.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            }
        }
    }
}

pub use imp::*;
