//! The driver-owned SA table.
//!
//! Capacity is fixed at creation (`SaOffloadCapacity`); all memory is reserved then, so adds
//! never allocate. Each bundle lives in a slot with a generation; the stack holds an opaque
//! handle (slot + generation + direction, see `handle.rs`).
//!
//! Concurrency, as the kernel requires (OIDs unserialised at IRQL <= DISPATCH_LEVEL, sends and
//! receives on several processors at once):
//! * The data path never waits. A lookup reads the slot's state word, then *tries* to take a
//!   shared lock on the slot, then re-checks the state word; any mismatch is "not found". The
//!   shared lock is held by the [`SaRef`] for as long as a packet uses the SA.
//! * Writers (ADD/DELETE/UPDATE on the OID path) are serialised among themselves by a lock
//!   that the data path never takes.
//! * Delete marks the slot DYING (no new references), unlinks it from the inbound index, and
//!   tries to take the slot exclusively. If packets still hold it, the last [`SaRef`] to go
//!   away does the reclaim instead: the bundle is dropped (its keys zeroed), the generation
//!   advances (old handles die) and the slot returns to the free list. Nothing is freed while
//!   in use and nothing waits for a packet to finish.
//! * `tests/loom_sa_table.rs` model-checks concurrent add, delete, update and lookup.

use super::error::SaError;
use super::freelist::FreeList;
use super::handle::{HandleCodec, HandleFields, next_generation};
use super::index::{InboundIndex, InboundKey};
use super::seq::SeqState;
use super::spec::{BundleSpec, Direction, ElementSpec, Operation};
use crate::engine::crypto::ElementCrypto;
use crate::sync::{AtomicU32, AtomicU64, Mutex, Ordering, ReadGuard, SlotLock, fence, spin_hint};
use alloc::vec::Vec;
use core::ops::Deref;
use zeroize::Zeroize;

/// Slot states (low byte of the state word; the generation is in the high 32 bits).
const FREE: u64 = 0;
const BUILDING: u64 = 1;
const LIVE: u64 = 2;
const DYING: u64 = 3;

/// How long an add retries to take a freshly popped slot exclusively. A reader can hold it only
/// for the instant between its state check and re-check, so this is never reached in practice;
/// if it were, the add fails with `TableFull` rather than spin further at DISPATCH_LEVEL.
const BUILD_RETRIES: usize = 1 << 16;

/// How often a reader retries the shared lock of a LIVE slot (see `read_slot`).
const READ_RETRIES: usize = 64;

fn state_word(generation: u32, state: u64) -> u64 {
    (u64::from(generation) << 32) | state
}

fn generation_of(word: u64) -> u32 {
    (word >> 32) as u32
}

fn state_of(word: u64) -> u64 {
    word & 0xFF
}

/// Per-bundle counters, read by the diagnostics.
#[derive(Default)]
pub struct SaCounters {
    /// Packets processed successfully.
    pub packets: AtomicU64,
    /// Bytes of those packets.
    pub bytes: AtomicU64,
    /// Packets whose ICV did not verify.
    pub icv_failures: AtomicU64,
    /// Packets whose ESP trailer (padding, pad length, next header) was malformed.
    pub bad_trailers: AtomicU64,
    /// Packets refused because the sequence space was exhausted.
    pub seq_exhausted: AtomicU64,
}

impl SaCounters {
    /// Adds one to a counter.
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// A plain copy of the counters.
    pub fn read(&self) -> CounterValues {
        CounterValues {
            packets: self.packets.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            icv_failures: self.icv_failures.load(Ordering::Relaxed),
            bad_trailers: self.bad_trailers.load(Ordering::Relaxed),
            seq_exhausted: self.seq_exhausted.load(Ordering::Relaxed),
        }
    }
}

/// Counter values at one instant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CounterValues {
    pub packets: u64,
    pub bytes: u64,
    pub icv_failures: u64,
    pub bad_trailers: u64,
    pub seq_exhausted: u64,
}

/// What an inbound lookup compares, copied out of the spec and laid out first in the entry so
/// that a lookup touches the slot's first cache line (state word, lock, this) and not the
/// spec spread over the rest of the slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
struct LookupKey {
    destination: [u8; 16],
    spis: [u32; 2],
    protocols: [u8; 2],
    elements: u8,
    inbound: bool,
    udp: bool,
}

impl LookupKey {
    fn of(spec: &BundleSpec) -> Self {
        let mut key = Self {
            destination: spec.destination,
            spis: [0; 2],
            protocols: [0; 2],
            elements: 0,
            inbound: spec.direction == Direction::Inbound,
            udp: spec.udp_encapsulation.is_udp(),
        };
        for (i, element) in spec.elements.iter().enumerate().take(2) {
            key.spis[i] = element.spi;
            key.protocols[i] = element.operation.ip_protocol();
            key.elements += 1;
        }
        key
    }
}

/// One offloaded bundle: the validated request, plus the state the engine changes.
#[repr(C)]
pub struct SaEntry {
    /// Lookup fields first (see [`LookupKey`]).
    lookup: LookupKey,
    /// The bundle as added (keys included; zeroed when the entry is dropped).
    pub spec: BundleSpec,
    /// Sequence state of each element, in element order.
    pub seq: [SeqState; 2],
    /// Counters.
    pub counters: SaCounters,
    /// Key schedules and keyed states of each element, allocated when the SA is added (kept
    /// out of the slot so that table memory per SA stays small).
    pub crypto: Vec<ElementCrypto>,
    /// What verified packets showed of the SA's mode (IPsecOV2 SAs carry no mode flag):
    /// `MODE_UNKNOWN`, `MODE_TRANSPORT` or `MODE_TUNNEL`. Chooses the tunnel or transport
    /// `CRYPTO_*_AUTH_FAILED` code when an ICV fails.
    pub mode: AtomicU32,
}

/// [`SaEntry::mode`]: nothing verified yet.
pub const MODE_UNKNOWN: u32 = 0;
/// [`SaEntry::mode`]: verified packets carried a transport payload.
pub const MODE_TRANSPORT: u32 = 1;
/// [`SaEntry::mode`]: verified packets carried an IP packet (next header 4 or 41).
pub const MODE_TUNNEL: u32 = 2;

impl SaEntry {
    /// Builds the entry and its crypto state; fails when memory cannot be had.
    pub fn new(spec: BundleSpec) -> Result<Self, SaError> {
        let mut highs = [0u32; 2];
        for (high, element) in highs.iter_mut().zip(spec.elements.iter()) {
            *high = element.seq_high;
        }
        let mut crypto = Vec::new();
        crypto
            .try_reserve_exact(spec.elements.len())
            .map_err(|_| SaError::NoMemory)?;
        for element in spec.elements.iter() {
            push_crypto(&mut crypto, element)?;
        }
        Ok(Self {
            lookup: LookupKey::of(&spec),
            spec,
            seq: [SeqState::new(highs[0]), SeqState::new(highs[1])],
            counters: SaCounters::default(),
            crypto,
            mode: AtomicU32::new(MODE_UNKNOWN),
        })
    }

    /// The element at `index` with its sequence state.
    pub fn element(&self, index: usize) -> Option<(&ElementSpec, &SeqState)> {
        let element = self.spec.elements.iter().nth(index)?;
        Some((element, self.seq.get(index)?))
    }

    fn inbound_keys(&self) -> impl Iterator<Item = InboundKey> + '_ {
        let inbound = self.spec.direction == Direction::Inbound;
        self.spec
            .elements
            .iter()
            .filter(move |_| inbound)
            .map(|e| InboundKey {
                spi: e.spi,
                destination: self.spec.destination,
                protocol: e.operation.ip_protocol(),
                udp: self.spec.udp_encapsulation.is_udp(),
            })
    }

    /// Index of the element an inbound key designates.
    fn element_for(&self, key: &InboundKey) -> Option<usize> {
        let lookup = &self.lookup;
        if !lookup.inbound || lookup.udp != key.udp || lookup.destination != key.destination {
            return None;
        }
        (0..usize::from(lookup.elements))
            .find(|&i| lookup.spis[i] == key.spi && lookup.protocols[i] == key.protocol)
    }
}

impl Zeroize for SaEntry {
    /// Zeroes the keys and the key schedules, and wipes the whole heap buffer of the
    /// schedules (unused enum space included) before it is freed.
    fn zeroize(&mut self) {
        self.spec.zeroize_keys();
        self.crypto.zeroize();
    }
}

/// Builds one element's crypto state into reserved capacity (kept out of line so that the
/// key schedules do not accumulate in one kernel stack frame).
#[inline(never)]
fn push_crypto(crypto: &mut Vec<ElementCrypto>, element: &ElementSpec) -> Result<(), SaError> {
    crypto.push(ElementCrypto::new(element).ok_or(SaError::KeyLength)?);
    Ok(())
}

#[repr(C)]
struct Slot {
    state: AtomicU64,
    data: SlotLock<Option<SaEntry>>,
}

/// The table.
pub struct SaTable {
    slots: Vec<Slot>,
    free: FreeList,
    index: InboundIndex,
    writer: Mutex<()>,
    codec: HandleCodec,
    live: AtomicU32,
    capacity: u32,
}

/// A counted reference to a live SA, held while a packet uses it.
pub struct SaRef<'a> {
    table: &'a SaTable,
    slot: u32,
    guard: Option<ReadGuard<'a, Option<SaEntry>>>,
    element: usize,
}

impl Deref for SaRef<'_> {
    type Target = SaEntry;
    fn deref(&self) -> &SaEntry {
        // The constructor only builds an SaRef around a guard of a slot holding an entry.
        match self.guard.as_deref() {
            Some(Some(entry)) => entry,
            _ => unreachable_entry(),
        }
    }
}

#[cold]
fn unreachable_entry() -> ! {
    // SaRef::new checks the guard holds an entry; this cannot be reached.
    unreachable!("SaRef without an entry")
}

impl SaRef<'_> {
    /// For an inbound lookup, the index of the element the packet's SPI selected.
    pub fn element_index(&self) -> usize {
        self.element
    }

    /// The handle of this bundle.
    pub fn handle(&self) -> u64 {
        let word = self
            .table
            .slot(self.slot)
            .map_or(0, |s| s.state.load(Ordering::Acquire));
        self.table.codec.encode(HandleFields {
            slot: self.slot,
            generation: generation_of(word),
            direction: self.spec.direction,
        })
    }
}

impl Drop for SaRef<'_> {
    fn drop(&mut self) {
        drop(self.guard.take());
        self.table.try_reclaim(self.slot);
    }
}

/// What a snapshot records of one live bundle (for tests and diagnostics; keys compare by
/// content but never print).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotEntry {
    pub handle: u64,
    pub spec: BundleSpec,
    pub seq_high: [u32; 2],
    pub seq_top: [u64; 2],
    pub counters: CounterValues,
}

impl SaTable {
    /// A table for `capacity` bundles (at most 2^31 - 1). `seed` keys the handle encoding and
    /// the index hash. `None` if the memory cannot be reserved.
    pub fn new(capacity: u32, seed: u64) -> Option<Self> {
        if capacity > 0x7FFF_FFFF {
            return None;
        }
        let mut slots = Vec::new();
        slots.try_reserve_exact(capacity as usize).ok()?;
        for _ in 0..capacity {
            slots.push(Slot {
                state: AtomicU64::new(state_word(1, FREE)),
                data: SlotLock::new(None),
            });
        }
        // Up to two index entries per bundle (AH + ESP).
        let index = InboundIndex::new((capacity as usize).checked_mul(2)?, seed.rotate_left(17))?;
        Some(Self {
            slots,
            free: FreeList::new(capacity)?,
            index,
            writer: Mutex::new(()),
            codec: HandleCodec::new(seed),
            live: AtomicU32::new(0),
            capacity,
        })
    }

    /// `SaOffloadCapacity`.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Live bundles (deleted ones still referenced by packets are not counted).
    pub fn len(&self) -> u32 {
        self.live.load(Ordering::Acquire)
    }

    /// True when no bundle is live.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of table memory per bundle slot, excluding the key material inside the entry:
    /// slot (state word, lock, entry) plus its share of the inbound index.
    pub fn memory_per_bundle(&self) -> usize {
        let keys = 4 * core::mem::size_of::<super::spec::Key>();
        let per_slot = core::mem::size_of::<Slot>().saturating_sub(keys);
        per_slot + self.index.memory_bytes() / (self.capacity.max(1) as usize)
    }

    fn slot(&self, index: u32) -> Option<&Slot> {
        self.slots.get(index as usize)
    }

    /// Adds a validated bundle; returns its handle.
    pub fn add(&self, spec: BundleSpec) -> Result<u64, SaError> {
        // Key schedules are built (and allocated) before taking the writer lock.
        let entry = SaEntry::new(spec)?;
        let _writer = self.writer.lock();
        for key in entry.inbound_keys() {
            if self.find_inbound_exact(&key).is_some() {
                return Err(SaError::DuplicateInboundSa);
            }
        }
        let slot_index = self.free.pop().ok_or(SaError::TableFull)?;
        let Some(slot) = self.slot(slot_index) else {
            return Err(SaError::TableFull);
        };
        let generation = generation_of(slot.state.load(Ordering::Acquire));
        slot.state
            .store(state_word(generation, BUILDING), Ordering::Release);
        let mut guard = None;
        for _ in 0..BUILD_RETRIES {
            guard = slot.data.try_write();
            if guard.is_some() {
                break;
            }
            spin_hint();
        }
        let Some(mut guard) = guard else {
            slot.state
                .store(state_word(generation, FREE), Ordering::Release);
            self.free.push(slot_index);
            return Err(SaError::TableFull);
        };
        let direction = entry.spec.direction;
        for key in entry.inbound_keys() {
            // Sized for two entries per bundle at load factor 1/2: cannot fail.
            self.index.insert(&key, slot_index);
        }
        *guard = Some(entry);
        if let Some(entry) = guard.as_mut() {
            // The entry was moved here from the stack: wipe the bytes of its absent parts.
            entry.spec.scrub();
        }
        drop(guard);
        slot.state
            .store(state_word(generation, LIVE), Ordering::Release);
        self.live.fetch_add(1, Ordering::AcqRel);
        Ok(self.codec.encode(HandleFields {
            slot: slot_index,
            generation,
            direction,
        }))
    }

    /// Deletes a bundle. Its keys are zeroed now, or when the last packet using it is done.
    pub fn delete(&self, handle: u64) -> Result<(), SaError> {
        let fields = self.codec.decode(handle).ok_or(SaError::UnknownHandle)?;
        let slot = self.slot(fields.slot).ok_or(SaError::UnknownHandle)?;
        {
            let _writer = self.writer.lock();
            let live = state_word(fields.generation, LIVE);
            if slot.state.load(Ordering::Acquire) != live {
                return Err(SaError::UnknownHandle);
            }
            // While LIVE and under the writer lock the entry cannot change: unlink it from the
            // inbound index first, so that receive lookups stop finding it, then retire it.
            let guard = self.read_slot(slot).ok_or(SaError::UnknownHandle)?;
            let Some(entry) = guard.as_ref() else {
                return Err(SaError::UnknownHandle);
            };
            if entry.spec.direction != fields.direction {
                return Err(SaError::UnknownHandle);
            }
            for key in entry.inbound_keys() {
                self.index.remove(&key, fields.slot);
            }
            slot.state
                .store(state_word(fields.generation, DYING), Ordering::Release);
            self.live.fetch_sub(1, Ordering::AcqRel);
            drop(guard);
        }
        self.try_reclaim(fields.slot);
        Ok(())
    }

    /// Shared access to a slot's entry. Only a builder or a reclaimer holds a slot
    /// exclusively, for a few instructions (a reclaimer that raced with reuse re-checks and
    /// lets go), so a short bounded retry always succeeds in practice.
    fn read_slot<'a>(&'a self, slot: &'a Slot) -> Option<ReadGuard<'a, Option<SaEntry>>> {
        for _ in 0..READ_RETRIES {
            if let Some(guard) = slot.data.try_read() {
                return Some(guard);
            }
            spin_hint();
        }
        None
    }

    /// UPDATE_SA: new ESN high-order bits for the element `operation`/`spi` of a bundle.
    pub fn update_esn(
        &self,
        handle: u64,
        operation: Operation,
        spi: u32,
        high: u32,
    ) -> Result<(), SaError> {
        let sa = self.get(handle).ok_or(SaError::UnknownHandle)?;
        let index = sa
            .spec
            .elements
            .iter()
            .position(|e| e.operation == operation && e.spi == spi)
            .ok_or(SaError::NotEsn)?;
        let (element, seq) = sa.element(index).ok_or(SaError::NotEsn)?;
        if !element.esn {
            return Err(SaError::NotEsn);
        }
        seq.set_high(high);
        Ok(())
    }

    /// A reference to the live bundle of `handle` (either direction).
    pub fn get(&self, handle: u64) -> Option<SaRef<'_>> {
        let fields = self.codec.decode(handle)?;
        self.reference(fields.slot, fields.generation, 0)
            .filter(|sa| sa.spec.direction == fields.direction)
    }

    /// A reference to the live *outbound* bundle of `handle` (what a send may use).
    pub fn get_outbound(&self, handle: u64) -> Option<SaRef<'_>> {
        self.get(handle)
            .filter(|sa| sa.spec.direction == Direction::Outbound)
    }

    /// The live inbound bundle a received packet belongs to: exact destination first, then a
    /// bundle added with the "any" (all-zero) destination.
    pub fn find_inbound(&self, key: &InboundKey) -> Option<SaRef<'_>> {
        self.find_inbound_exact(key).or_else(|| {
            let any = InboundKey {
                destination: [0; 16],
                ..*key
            };
            (key.destination != any.destination)
                .then(|| self.find_inbound_exact(&any))
                .flatten()
        })
    }

    fn find_inbound_exact(&self, key: &InboundKey) -> Option<SaRef<'_>> {
        self.index.find(key, |slot| {
            let generation = generation_of(self.slot(slot)?.state.load(Ordering::Acquire));
            let mut sa = self.reference(slot, generation, 0)?;
            sa.element = sa.element_for(key)?;
            Some(sa)
        })
    }

    /// Takes a reference if the slot is LIVE with `generation`; never waits.
    fn reference(&self, slot_index: u32, generation: u32, element: usize) -> Option<SaRef<'_>> {
        let slot = self.slot(slot_index)?;
        let expected = state_word(generation, LIVE);
        if slot.state.load(Ordering::Acquire) != expected {
            return None;
        }
        let guard = self.read_slot(slot)?;
        let sa = SaRef {
            table: self,
            slot: slot_index,
            guard: Some(guard),
            element,
        };
        // Re-check: the slot may have been deleted and reused between the two reads.
        if slot.state.load(Ordering::Acquire) != expected
            || !matches!(sa.guard.as_deref(), Some(Some(_)))
        {
            return None; // dropping `sa` releases the lock and reclaims if needed
        }
        Some(sa)
    }

    /// Frees a DYING slot if nobody holds it: zeroes its keys (by dropping the entry), advances
    /// the generation and returns it to the free list.
    fn try_reclaim(&self, slot_index: u32) {
        let Some(slot) = self.slot(slot_index) else {
            return;
        };
        // Dekker with the deleter: it stores DYING then tries the lock; a reader releases the
        // lock then reads the state. The SeqCst fences guarantee at least one of the two sees
        // the other's write, so the last user always reclaims.
        fence(Ordering::SeqCst);
        if state_of(slot.state.load(Ordering::Acquire)) != DYING {
            return;
        }
        let Some(mut guard) = slot.data.try_write() else {
            return; // a reader still holds it; its SaRef will reclaim
        };
        let word = slot.state.load(Ordering::Acquire);
        if state_of(word) != DYING {
            return;
        }
        // Zeroes the keys, drops the entry (key schedules zero themselves on drop), then
        // wipes every byte of the slot's storage.
        guard.zeroize();
        slot.state.store(
            state_word(next_generation(generation_of(word)), FREE),
            Ordering::Release,
        );
        drop(guard);
        self.free.push(slot_index);
    }

    /// Deletes every bundle (halt). Returns how many were live.
    pub fn clear(&self) -> u32 {
        let mut deleted = 0;
        for (index, slot) in self.slots.iter().enumerate() {
            let word = slot.state.load(Ordering::Acquire);
            if state_of(word) == LIVE {
                let handle = self.codec.encode(HandleFields {
                    slot: index as u32,
                    generation: generation_of(word),
                    direction: match self.read_slot(slot).as_deref() {
                        Some(Some(entry)) => entry.spec.direction,
                        _ => continue,
                    },
                });
                if self.delete(handle).is_ok() {
                    deleted += 1;
                }
            }
        }
        deleted
    }

    /// Every live bundle, in slot order.
    pub fn snapshot(&self) -> Vec<SnapshotEntry> {
        let mut entries = Vec::new();
        self.for_each_live(|handle, sa| {
            entries.push(SnapshotEntry {
                handle,
                spec: sa.spec.clone(),
                seq_high: [sa.seq[0].high(), sa.seq[1].high()],
                seq_top: [sa.seq[0].top(), sa.seq[1].top()],
                counters: sa.counters.read(),
            });
        });
        entries
    }

    /// Calls `visit` with each live bundle, in slot order, without allocating or copying key
    /// material (the diagnostics query walks the table this way at DISPATCH_LEVEL). A bundle
    /// added or deleted during the walk may or may not be seen.
    pub fn for_each_live(&self, mut visit: impl FnMut(u64, &SaEntry)) {
        for index in 0..self.capacity {
            let Some(slot) = self.slot(index) else {
                continue;
            };
            let word = slot.state.load(Ordering::Acquire);
            if state_of(word) != LIVE {
                continue;
            }
            if let Some(sa) = self.reference(index, generation_of(word), 0) {
                visit(sa.handle(), &sa);
            }
        }
    }

    /// Slots that are neither free nor live (deleted but still referenced by packets).
    pub fn dying(&self) -> u32 {
        self.slots
            .iter()
            .filter(|s| state_of(s.state.load(Ordering::Acquire)) == DYING)
            .count() as u32
    }
}
