//! A spin lock that owns its data, over the kernel's `KSPIN_LOCK`.
//!
//! Acquiring raises to DISPATCH_LEVEL (so it may be used from any IRQL <= DISPATCH), the guard
//! restores the previous IRQL. Critical sections are short and never block or allocate.

use core::cell::UnsafeCell;
use core::ops::{Deref, DerefMut};
use ndis_sys::{KIRQL, KSPIN_LOCK, KeAcquireSpinLockRaiseToDpc, KeReleaseSpinLock};

/// Data of type `T` protected by a kernel spin lock.
pub struct SpinLock<T> {
    lock: UnsafeCell<KSPIN_LOCK>,
    value: UnsafeCell<T>,
}

// SAFETY: access to `value` is serialised by the kernel spin lock; T moves between processors.
unsafe impl<T: Send> Sync for SpinLock<T> {}
// SAFETY: as above, the lock owns the value.
unsafe impl<T: Send> Send for SpinLock<T> {}

impl<T> SpinLock<T> {
    /// A released lock (`KeInitializeSpinLock` stores 0 on x64).
    pub const fn new(value: T) -> Self {
        Self {
            lock: UnsafeCell::new(0),
            value: UnsafeCell::new(value),
        }
    }

    /// Acquires the lock, raising IRQL to DISPATCH_LEVEL until the guard is dropped.
    pub fn lock(&self) -> SpinLockGuard<'_, T> {
        // SAFETY: `self.lock` is an initialised KSPIN_LOCK that lives as long as `self`.
        let old_irql = unsafe { KeAcquireSpinLockRaiseToDpc(self.lock.get()) };
        SpinLockGuard {
            owner: self,
            old_irql,
        }
    }
}

/// Exclusive access to the data of a [`SpinLock`]; releases on drop.
pub struct SpinLockGuard<'a, T> {
    owner: &'a SpinLock<T>,
    old_irql: KIRQL,
}

impl<T> Deref for SpinLockGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard proves the lock is held, so no other reference exists.
        unsafe { &*self.owner.value.get() }
    }
}

impl<T> DerefMut for SpinLockGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard proves the lock is held, and `&mut self` makes this unique.
        unsafe { &mut *self.owner.value.get() }
    }
}

impl<T> Drop for SpinLockGuard<'_, T> {
    fn drop(&mut self) {
        // SAFETY: this guard acquired the lock with KeAcquireSpinLockRaiseToDpc and returned
        // `old_irql`; releasing restores it.
        unsafe { KeReleaseSpinLock(self.owner.lock.get(), self.old_irql) }
    }
}
