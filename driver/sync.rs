//! Locks that own their data: a spin lock over the kernel's `KSPIN_LOCK`, and a sleeping lock
//! for PASSIVE_LEVEL code.
//!
//! Acquiring the spin lock raises to DISPATCH_LEVEL (so it may be used from any IRQL <= DISPATCH), the guard
//! restores the previous IRQL. Critical sections are short and never block or allocate.

use core::cell::UnsafeCell;
use core::ops::{Deref, DerefMut};
use core::sync::atomic::{AtomicBool, Ordering};
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

/// A lock for PASSIVE_LEVEL code that calls functions which must not run under a spin lock
/// (`NdisRegisterDeviceEx`): a waiter sleeps with `NdisMSleep` instead of raising IRQL.
/// Only initialize, halt and unload take it, which are rare, so the polling costs nothing.
pub struct PassiveLock<T> {
    held: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: the value is only reached through the guard, which `held` makes exclusive.
unsafe impl<T: Send> Sync for PassiveLock<T> {}

impl<T> PassiveLock<T> {
    pub const fn new(value: T) -> Self {
        Self {
            held: AtomicBool::new(false),
            value: UnsafeCell::new(value),
        }
    }

    /// Takes the lock (PASSIVE_LEVEL: may sleep).
    pub fn lock(&self) -> PassiveGuard<'_, T> {
        while self
            .held
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            // SAFETY: callers run at PASSIVE_LEVEL (initialize, halt, unload).
            unsafe { ndis_sys::NdisMSleep(100) };
        }
        PassiveGuard { lock: self }
    }
}

/// Exclusive access to a [`PassiveLock`]'s value until dropped.
pub struct PassiveGuard<'a, T> {
    lock: &'a PassiveLock<T>,
}

impl<T> Deref for PassiveGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the lock.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for PassiveGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard holds the lock exclusively.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for PassiveGuard<'_, T> {
    fn drop(&mut self) {
        self.lock.held.store(false, Ordering::Release);
    }
}
