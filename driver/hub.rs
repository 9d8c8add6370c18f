//! The virtual hub: every adapter instance of the driver is a port; a frame sent on one is
//! offered to all the others, each of which applies its own receive filter (netvmini's model).
//!
//! Deliveries never hold the hub lock while indicating up the stack (a protocol may send from
//! its receive handler): the lock is held only to take a reference on each target adapter
//! (`Held`), and halt waits until no delivery or control request holds a reference before the
//! adapter's memory goes.

use crate::adapter::Adapter;
use crate::sync::SpinLock;
use core::sync::atomic::Ordering;

/// Ports of the hub.
pub const HUB_PORTS: usize = 16;

struct Members {
    /// Addresses of the joined adapters (0 = free port).
    ports: [usize; HUB_PORTS],
}

static HUB: SpinLock<Members> = SpinLock::new(Members {
    ports: [0; HUB_PORTS],
});

/// Joins `adapter` to the hub; its port (the number the control device names it by), or
/// `None` when every port is taken (the adapter then works alone).
pub fn join(adapter: &Adapter) -> Option<u32> {
    let address = adapter as *const Adapter as usize;
    let mut hub = HUB.lock();
    let port = hub.ports.iter().position(|port| *port == 0)?;
    *hub.ports.get_mut(port)? = address;
    Some(port as u32)
}

/// Leaves the hub, then waits (PASSIVE_LEVEL, halt) until no delivery still uses `adapter`.
pub fn leave(adapter: &Adapter) {
    let address = adapter as *const Adapter as usize;
    {
        let mut hub = HUB.lock();
        for port in hub.ports.iter_mut().filter(|port| **port == address) {
            *port = 0;
        }
    }
    while adapter.hub_refs.load(Ordering::Acquire) != 0 {
        // SAFETY: halt runs at PASSIVE_LEVEL, where NdisMSleep may wait.
        unsafe { ndis_sys::NdisMSleep(50) };
    }
}

/// Offers `frame` to every adapter but `from`. `dispatch`: the caller runs at DISPATCH_LEVEL.
pub fn deliver(from: &Adapter, frame: &[u8], dispatch: bool) {
    let me = from as *const Adapter as usize;
    let held = Held::take(|_, address| address != me);
    for (_, adapter) in held.adapters() {
        crate::receive::receive(adapter, frame, dispatch);
    }
}

/// References to joined adapters, taken under the hub lock and released on drop; `leave`
/// (halt) waits until none is held, so an adapter outlives every reference.
struct Held {
    ports: [usize; HUB_PORTS],
}

impl Held {
    /// References the adapters `wanted(port, address)` selects.
    fn take(wanted: impl Fn(usize, usize) -> bool) -> Self {
        let mut held = Held {
            ports: [0; HUB_PORTS],
        };
        let hub = HUB.lock();
        for (index, (slot, &port)) in held.ports.iter_mut().zip(hub.ports.iter()).enumerate() {
            if port != 0 && wanted(index, port) {
                // SAFETY: a joined adapter is live until it leaves, which needs this lock; the
                // reference keeps it live after the lock is released.
                unsafe {
                    (*(port as *const Adapter))
                        .hub_refs
                        .fetch_add(1, Ordering::AcqRel)
                };
                *slot = port;
            }
        }
        held
    }

    fn adapters(&self) -> impl Iterator<Item = (u32, &Adapter)> {
        self.ports
            .iter()
            .enumerate()
            .filter(|(_, port)| **port != 0)
            // SAFETY: referenced in `take`, released only in `drop`.
            .map(|(index, &port)| (index as u32, unsafe { &*(port as *const Adapter) }))
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        for (_, adapter) in self.adapters() {
            adapter.hub_refs.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// Calls `visit` with the adapter on `port`, kept from halting meanwhile; `None` when no
/// adapter has that port. For the control device (PASSIVE_LEVEL).
pub fn with_port<R>(port: u32, visit: impl FnOnce(&Adapter) -> R) -> Option<R> {
    let held = Held::take(|index, _| index as u32 == port);
    let (_, adapter) = held.adapters().next()?;
    Some(visit(adapter))
}

/// Calls `visit` with every joined adapter and its port, in port order.
pub fn for_each(mut visit: impl FnMut(u32, &Adapter)) {
    let held = Held::take(|_, _| true);
    for (port, adapter) in held.adapters() {
        visit(port, adapter);
    }
}
