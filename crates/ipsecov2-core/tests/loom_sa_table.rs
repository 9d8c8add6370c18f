//! Model checks of the SA table's concurrency protocol (slot state word + generation,
//! try-only slot lock, reclaim by the last `SaRef`, lock-free free list, seqlock-guarded
//! inbound index).
//!
//! Compiles to nothing unless built with `--cfg loom`:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom \
//!     cargo test -p ipsecov2-core --release --test loom_sa_table
//! ```
//!
//! Every model uses a table of one or two slots and two or three threads, with a bounded
//! number of preemptions so that the whole file runs in well under two minutes.

#![cfg(loom)]

use ipsecov2_core::sa::handle::{HandleCodec, HandleFields};
use ipsecov2_core::sa::spec::*;
use ipsecov2_core::sa::{InboundKey, SaError, SaRef, SaTable};
use ipsecov2_core::sa_oids::build::samples;
use loom::sync::Arc;
use loom::thread;

const SEED: u64 = 0x100A_5EED;

/// Runs `f` under loom with at most `preemptions` preemptions per execution, unless
/// `LOOM_MAX_PREEMPTIONS` asks for another bound (e.g. a deeper run by hand).
fn check(preemptions: usize, f: impl Fn() + Sync + Send + 'static) {
    let mut builder = loom::model::Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(preemptions);
    }
    builder.check(f);
}

/// The handle the table gives the bundle of `direction` in `slot` at `generation` (slot 0 is
/// popped first; generations start at 1 and advance on every reclaim).
fn predicted(slot: u32, generation: u32, direction: Direction) -> u64 {
    HandleCodec::new(SEED).encode(HandleFields {
        slot,
        generation,
        direction,
    })
}

/// An inbound AES-GCM bundle whose key bytes are all `fill` (so torn or zeroed keys show).
fn inbound(spi: u32, fill: u8) -> BundleSpec {
    let mut spec = samples::esp_gcm128(Direction::Inbound, spi);
    if let Some(enc) = spec
        .elements
        .iter_mut()
        .next()
        .and_then(|esp| esp.enc.as_mut())
    {
        enc.key = Key::new(&[fill; 20]).expect("key");
    }
    spec
}

fn key_of(spec: &BundleSpec) -> InboundKey {
    let esp = spec.elements.iter().next().expect("an element");
    InboundKey {
        spi: esp.spi,
        destination: spec.destination,
        protocol: esp.operation.ip_protocol(),
        udp: spec.udp_encapsulation.is_udp(),
    }
}

/// The entry behind `sa` is exactly `spec`, key bytes included.
fn assert_intact(sa: &SaRef<'_>, spec: &BundleSpec) {
    assert_eq!(&sa.spec, spec, "entry differs from the bundle added");
    let want = spec.elements.iter().next().and_then(|e| e.enc.as_ref());
    let got = sa.spec.elements.iter().next().and_then(|e| e.enc.as_ref());
    assert_eq!(
        got.map(|e| e.key.as_bytes()),
        want.map(|e| e.key.as_bytes()),
        "key bytes changed (zeroed?) while referenced"
    );
}

/// The table has exactly `free` free slots: that many outbound adds succeed, the next is
/// `TableFull` (a slot pushed twice on the free list would show as one add too many). The
/// added bundles are deleted again.
fn assert_free_slots(table: &SaTable, free: u32) {
    let mut handles = Vec::new();
    for i in 0..free {
        let added = table.add(samples::esp_gcm128(Direction::Outbound, 0x900 + i));
        assert!(added.is_ok(), "free slot {i} missing: {added:?}");
        handles.push(added.unwrap());
    }
    assert_eq!(
        table.add(samples::esp_gcm128(Direction::Outbound, 0x999)),
        Err(SaError::TableFull),
        "more free slots than expected (a slot was reclaimed twice?)"
    );
    for handle in handles {
        assert_eq!(table.delete(handle), Ok(()));
    }
    assert_eq!(table.dying(), 0);
}

/// (a) A writer adds A, deletes it and adds B into the same slot (`TableFull` if the reader
/// still holds A), while a reader looks both up by handle (handles predicted before they
/// exist, so the lookups race with the build) and by inbound key: a lookup only ever yields
/// the complete bundle added under that handle or key, never a half-built, deleted or
/// recycled one.
#[test]
fn add_lookup_delete() {
    check(4, || {
        let table = Arc::new(SaTable::new(1, SEED).expect("table"));
        let (a, b) = (inbound(0x100, 0xAA), inbound(0x200, 0xBB));
        let (ha, hb) = (
            predicted(0, 1, Direction::Inbound),
            predicted(0, 2, Direction::Inbound),
        );

        let writer = {
            let table = table.clone();
            let (a, b) = (a.clone(), b.clone());
            thread::spawn(move || {
                assert_eq!(table.add(a), Ok(ha));
                assert_eq!(table.delete(ha), Ok(()));
                match table.add(b) {
                    Ok(handle) => {
                        assert_eq!(handle, hb);
                        true
                    }
                    Err(e) => {
                        assert_eq!(e, SaError::TableFull, "A's slot is still referenced");
                        false
                    }
                }
            })
        };

        for (handle, spec) in [(ha, &a), (hb, &b)] {
            if let Some(sa) = table.get(handle) {
                assert_intact(&sa, spec);
                assert_eq!(sa.handle(), handle);
            }
            if let Some(sa) = table.find_inbound(&key_of(spec)) {
                assert_intact(&sa, spec);
                assert_eq!(sa.handle(), handle);
                assert_eq!(sa.element_index(), 0);
            }
        }

        let added_b = writer.join().expect("writer");
        assert!(table.get(ha).is_none(), "stale handle resolves");
        assert!(table.find_inbound(&key_of(&a)).is_none());
        assert_eq!(table.dying(), 0, "A's slot never reclaimed");
        if added_b {
            assert_intact(&table.get(hb).expect("B live"), &b);
            assert_eq!(table.len(), 1);
            assert_free_slots(&table, 0);
        } else {
            assert!(table.get(hb).is_none());
            assert_free_slots(&table, 1);
        }
    });
}

/// (b) A reader holds an `SaRef` while another thread deletes the bundle: the entry stays
/// intact (keys included) until the reader lets go, and the slot is reclaimed exactly once,
/// by whichever of the two finishes last.
#[test]
fn reference_held_across_delete() {
    check(4, || {
        let table = Arc::new(SaTable::new(1, SEED).expect("table"));
        let a = inbound(0x100, 0xAA);
        let ha = table.add(a.clone()).expect("add");

        let deleter = {
            let table = table.clone();
            thread::spawn(move || assert_eq!(table.delete(ha), Ok(())))
        };

        if let Some(sa) = table.get(ha) {
            assert_intact(&sa, &a);
            // (No `yield_now` here: after a yield loom stops offering this thread the store it
            // had already seen, which would hide the stale read the reclaim protocol allows.)
            // The delete may have happened by now: still intact, still not reusable.
            assert_intact(&sa, &a);
            assert_eq!(sa.handle(), ha);
            drop(sa);
        }

        deleter.join().expect("deleter");
        assert_eq!(table.dying(), 0, "deleted slot never reclaimed");
        assert_eq!(table.len(), 0);
        assert!(table.get(ha).is_none());
        assert_free_slots(&table, 1);
    });
}

/// (b') The deleting writer immediately re-adds (as the stack does on rekey) while a reader
/// found the old bundle by its inbound key and holds it: the add either gets the slot (if the
/// reader was already done) or `TableFull`; the reader never sees the new bundle through its
/// reference, and afterwards exactly one slot exists.
#[test]
fn reader_reclaims_then_slot_is_reused() {
    check(4, || {
        let table = Arc::new(SaTable::new(1, SEED).expect("table"));
        let (a, b) = (inbound(0x100, 0xAA), inbound(0x100, 0xBB));
        let ha = table.add(a.clone()).expect("add");

        let writer = {
            let table = table.clone();
            let b = b.clone();
            thread::spawn(move || {
                assert_eq!(table.delete(ha), Ok(()));
                match table.add(b) {
                    Ok(handle) => Some(handle),
                    Err(e) => {
                        assert_eq!(e, SaError::TableFull);
                        None
                    }
                }
            })
        };

        if let Some(sa) = table.find_inbound(&key_of(&a)) {
            // Same key as B: whichever bundle was found, it is complete and consistent.
            let spec = if sa.spec == a { &a } else { &b };
            assert_intact(&sa, spec);
            thread::yield_now();
            assert_intact(&sa, spec);
            if spec == &a {
                assert_eq!(sa.handle(), ha);
            }
        }

        let hb = writer.join().expect("writer");
        assert_eq!(table.dying(), 0);
        match hb {
            Some(hb) => {
                assert_ne!(hb, ha);
                assert_intact(&table.find_inbound(&key_of(&b)).expect("B"), &b);
                assert_free_slots(&table, 0);
            }
            None => {
                assert!(table.find_inbound(&key_of(&a)).is_none());
                assert_free_slots(&table, 1);
            }
        }
    });
}

/// (c) Two threads delete the same handle while a third holds a reference: exactly one
/// delete succeeds, and the slot is reclaimed exactly once.
#[test]
fn concurrent_double_delete() {
    check(4, || {
        let table = Arc::new(SaTable::new(1, SEED).expect("table"));
        let a = inbound(0x100, 0xAA);
        let ha = table.add(a.clone()).expect("add");

        let deleters: Vec<_> = (0..2)
            .map(|_| {
                let table = table.clone();
                thread::spawn(move || table.delete(ha))
            })
            .collect();

        if let Some(sa) = table.get(ha) {
            assert_intact(&sa, &a);
        }

        let results: Vec<_> = deleters
            .into_iter()
            .map(|d| d.join().expect("deleter"))
            .collect();
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "exactly one delete succeeds: {results:?}");
        assert!(results.contains(&Err(SaError::UnknownHandle)));
        assert_eq!(table.dying(), 0);
        assert_eq!(table.len(), 0);
        assert_free_slots(&table, 1);
    });
}

/// (d) UPDATE_SA of the ESN high bits races with a lookup and a delete: the reader sees the
/// old or the new value of the element it asked about and the other element is untouched; the
/// update either lands on the live bundle or finds it gone.
#[test]
fn update_esn_with_lookup_and_delete() {
    check(4, || {
        let table = Arc::new(SaTable::new(1, SEED).expect("table"));
        let spec = samples::esp_then_ah(Direction::Inbound, 0x300, 0x301);
        let h = table.add(spec.clone()).expect("add");

        let updater = {
            let table = table.clone();
            thread::spawn(move || table.update_esn(h, Operation::Esp, 0x300, 99))
        };
        let deleter = {
            let table = table.clone();
            thread::spawn(move || table.delete(h))
        };

        if let Some(sa) = table.get(h) {
            assert_eq!(sa.spec, spec);
            let high = sa.seq[0].high();
            assert!(high == 7 || high == 99, "ESP high bits {high}");
            assert_eq!(sa.seq[1].high(), 0, "AH element untouched");
        }

        let updated = updater.join().expect("updater");
        assert!(
            updated == Ok(()) || updated == Err(SaError::UnknownHandle),
            "{updated:?}"
        );
        assert_eq!(deleter.join().expect("deleter"), Ok(()));
        assert_eq!(table.dying(), 0);
        assert_free_slots(&table, 1);
    });
}

/// (d') Without the delete: a successful update is visible to every later lookup.
#[test]
fn update_esn_then_lookup() {
    check(4, || {
        let table = Arc::new(SaTable::new(1, SEED).expect("table"));
        let spec = samples::esp_then_ah(Direction::Inbound, 0x300, 0x301);
        let h = table.add(spec).expect("add");

        let updater = {
            let table = table.clone();
            thread::spawn(move || {
                assert_eq!(table.update_esn(h, Operation::Esp, 0x300, 99), Ok(()));
                assert_eq!(
                    table.update_esn(h, Operation::Ah, 0x301, 5),
                    Err(SaError::NotEsn)
                );
            })
        };
        let key = InboundKey {
            spi: 0x300,
            destination: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
            protocol: 50,
            udp: false,
        };
        let sa = table.find_inbound(&key).expect("live bundle found");
        let first = sa.seq[0].high();
        assert!(first == 7 || first == 99);
        drop(sa);
        let sa = table.find_inbound(&key).expect("live bundle found");
        assert!(sa.seq[0].high() >= first, "update went backwards");
        drop(sa);

        updater.join().expect("updater");
        assert_eq!(table.get(h).expect("live").seq[0].high(), 99);
    });
}

// --- Inbound index under concurrent change -------------------------------------------------

/// A copy of the index's bucket hash (`sa/index.rs`), used only to choose SPIs whose keys
/// share a home bucket so that deleting one shifts the other (backward-shift deletion). If the
/// index's hash changes, the models below still run; they merely may not collide any more.
fn home_bucket(key: &InboundKey, table_seed: u64, buckets: usize) -> usize {
    let seed = table_seed.rotate_left(17);
    let mut h =
        seed ^ u64::from(key.spi) ^ (u64::from(key.protocol) << 32) ^ (u64::from(key.udp) << 40);
    for chunk in key.destination.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 32;
    }
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^= h >> 32;
    let hash32 = (h ^ (h >> 32)) as u32;
    hash32 as usize & (buckets - 1)
}

/// Three SPIs whose inbound keys (as built by `inbound`) share one home bucket in the index of
/// a two-slot table (16 buckets).
fn colliding_spis() -> [u32; 3] {
    let home = |spi| home_bucket(&key_of(&inbound(spi, 0)), SEED, 16);
    let first = 0x1000;
    let target = home(first);
    let mut found = [first; 3];
    let mut n = 1;
    let mut spi = first + 1;
    while n < 3 {
        if home(spi) == target {
            found[n] = spi;
            n += 1;
        }
        spi += 1;
    }
    found
}

/// (e) K sits behind L in L's probe run. A writer deletes L (shifting K back into L's
/// bucket) and adds M (same home; `TableFull` if the reader still holds L) while a reader
/// looks K, L and M up: K is live throughout and is always found, and no lookup ever yields
/// another bundle than the key's own.
#[test]
fn inbound_find_during_shifting_delete() {
    check(3, || {
        let [l_spi, k_spi, m_spi] = colliding_spis();
        let table = Arc::new(SaTable::new(2, SEED).expect("table"));
        let (l, k, m) = (
            inbound(l_spi, 0x11),
            inbound(k_spi, 0x22),
            inbound(m_spi, 0x33),
        );
        let hl = table.add(l.clone()).expect("L");
        let hk = table.add(k.clone()).expect("K");

        let writer = {
            let table = table.clone();
            let m = m.clone();
            thread::spawn(move || {
                assert_eq!(table.delete(hl), Ok(()));
                match table.add(m) {
                    Ok(handle) => Some(handle),
                    Err(e) => {
                        assert_eq!(e, SaError::TableFull, "L's slot is still referenced");
                        None
                    }
                }
            })
        };

        let sa = table.find_inbound(&key_of(&k));
        assert!(
            sa.is_some(),
            "live key K not found during a concurrent delete"
        );
        let sa = sa.unwrap();
        assert_intact(&sa, &k);
        assert_eq!(sa.handle(), hk);
        drop(sa);
        for spec in [&l, &m] {
            if let Some(sa) = table.find_inbound(&key_of(spec)) {
                assert_intact(&sa, spec);
            }
        }

        let hm = writer.join().expect("writer");
        assert!(table.find_inbound(&key_of(&l)).is_none());
        assert_eq!(table.find_inbound(&key_of(&k)).expect("K").handle(), hk);
        assert_eq!(table.dying(), 0, "L's slot never reclaimed");
        match hm {
            Some(hm) => {
                assert_eq!(table.find_inbound(&key_of(&m)).expect("M").handle(), hm);
                assert_free_slots(&table, 0);
            }
            None => {
                assert!(table.find_inbound(&key_of(&m)).is_none());
                assert_free_slots(&table, 1);
            }
        }
    });
}

/// (e') A reader looks K up while a writer inserts M into K's probe run and deletes it
/// again (the inserted entry lands behind K, the delete shifts nothing past K).
#[test]
fn inbound_find_during_insert_and_delete_of_another_key() {
    check(4, || {
        let [k_spi, m_spi, _] = colliding_spis();
        let table = Arc::new(SaTable::new(2, SEED).expect("table"));
        let (k, m) = (inbound(k_spi, 0x22), inbound(m_spi, 0x33));
        let hk = table.add(k.clone()).expect("K");

        let writer = {
            let table = table.clone();
            let m = m.clone();
            thread::spawn(move || {
                let hm = table.add(m).expect("M");
                assert_eq!(table.delete(hm), Ok(()));
            })
        };

        for _ in 0..2 {
            let sa = table.find_inbound(&key_of(&k));
            assert!(
                sa.is_some(),
                "live key K not found during a concurrent add/delete"
            );
            let sa = sa.unwrap();
            assert_intact(&sa, &k);
            assert_eq!(sa.handle(), hk);
        }
        if let Some(sa) = table.find_inbound(&key_of(&m)) {
            assert_intact(&sa, &m);
        }

        writer.join().expect("writer");
        assert!(table.find_inbound(&key_of(&m)).is_none());
        assert_eq!(table.len(), 1);
        assert_eq!(table.dying(), 0);
    });
}

/// (f) Two readers hold one bundle each while the writer deletes both and re-adds: the
/// readers' drops reclaim (pushing onto the free list concurrently with each other and with
/// the writer's pop), and afterwards every slot is either live or free exactly once.
#[test]
fn concurrent_reclaims_and_adds() {
    check(3, || {
        let table = Arc::new(SaTable::new(2, SEED).expect("table"));
        let (a, b) = (inbound(0x100, 0xAA), inbound(0x200, 0xBB));
        let ha = table.add(a.clone()).expect("A");
        let hb = table.add(b.clone()).expect("B");

        let readers: Vec<_> = [(ha, a), (hb, b)]
            .into_iter()
            .map(|(handle, spec)| {
                let table = table.clone();
                thread::spawn(move || {
                    if let Some(sa) = table.get(handle) {
                        assert_intact(&sa, &spec);
                    }
                })
            })
            .collect();

        assert_eq!(table.delete(ha), Ok(()));
        assert_eq!(table.delete(hb), Ok(()));
        let c = inbound(0x300, 0xCC);
        let hc = match table.add(c.clone()) {
            Ok(handle) => Some(handle),
            Err(e) => {
                assert_eq!(e, SaError::TableFull, "both slots still referenced");
                None
            }
        };

        for reader in readers {
            reader.join().expect("reader");
        }
        assert_eq!(table.dying(), 0, "a deleted slot was never reclaimed");
        assert!(table.get(ha).is_none() && table.get(hb).is_none());
        match hc {
            Some(hc) => {
                assert_intact(&table.get(hc).expect("C"), &c);
                assert_free_slots(&table, 1);
            }
            None => assert_free_slots(&table, 2),
        }
    });
}
