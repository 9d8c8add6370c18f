//! SA table benchmarks, side by side in one run:
//!
//! * inbound lookup (`SaTable::find_inbound`, the `SaRef` dropped each time) with random hits
//!   at 1K, 64K and 1M inbound SAs, against a `hashbrown::HashMap` (foldhash) from the same
//!   `InboundKey`s to slot indices, looked up with the same key sequence;
//! * ADD_SA_EX: decode alone, decode + validate + key schedules + insert (`add_sa_ex` into a
//!   table that is emptied between batches, untimed), `SaTable::add` of a pre-decoded bundle,
//!   and an add + delete pair, all for an AES-GCM-128 SA;
//! * `SaTable::memory_per_bundle()` at each size (printed).
//!
//! After each size's pair, a `lookup <size>: SaTable .. ns, hashbrown .. ns, ratio ..` line
//! gives both costs from the same passes over the whole key sequence (best of three,
//! interleaved), which keeps the ratio meaningful on a noisy machine.
//!
//! `cargo bench -p ipsecov2-core --bench sa_table` (about 40 s, building the 1M table
//! included). Without `--bench` (`cargo test --benches`) each benchmark runs once, the ratio
//! lines are skipped and the 1M table is not built.

#[cfg(not(loom))]
mod benches {
    use criterion::{BenchmarkId, Criterion};
    use foldhash::fast::RandomState;
    use hashbrown::HashMap;
    use ipsecov2_core::offload::IpsecSetting;
    use ipsecov2_core::sa::spec::{BundleSpec, Direction};
    use ipsecov2_core::sa::{InboundKey, SaTable};
    use ipsecov2_core::sa_oids::build::{self, samples};
    use ipsecov2_core::sa_oids::decode::decode_add_sa_ex;
    use ipsecov2_core::sa_oids::{Deleted, IpsecOffload};
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    const SEED: u64 = 0xB0E5_5EED_2024_0001;
    /// Shortest random lookup sequence (a power of two); at 1M SAs the sequence has 1M keys,
    /// so that a pass touches most of the table rather than a 64K subset.
    const MIN_LOOKUPS: usize = 1 << 16;
    /// Capacity of the table the add benchmarks fill (emptied between batches).
    const ADD_CAPACITY: u32 = 1 << 14;

    fn splitmix(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Distinct, non-zero, scattered SPIs: an odd multiplier is a bijection of `u32`.
    fn spi(i: u32) -> u32 {
        (i + 1).wrapping_mul(0x9E37_79B1)
    }

    fn gcm(direction: Direction, spi: u32) -> BundleSpec {
        samples::esp_gcm128(direction, spi)
    }

    fn key(spec: &BundleSpec) -> InboundKey {
        let esp = spec.elements.iter().next().expect("one element");
        InboundKey {
            spi: esp.spi,
            destination: spec.destination,
            protocol: esp.operation.ip_protocol(),
            udp: spec.udp_encapsulation.is_udp(),
        }
    }

    struct Lookup {
        table: SaTable,
        map: HashMap<InboundKey, u32, RandomState>,
        keys: Vec<InboundKey>,
    }

    /// Resident memory of this process (Linux `/proc/self/statm`), if available.
    fn resident_bytes() -> Option<u64> {
        let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
        let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
        Some(pages * 4096)
    }

    fn lookup_fixture(n: u32) -> Lookup {
        let started = Instant::now();
        let before = resident_bytes();
        let table = SaTable::new(n, SEED).expect("table memory");
        for i in 0..n {
            table.add(gcm(Direction::Inbound, spi(i))).expect("add");
        }
        let table_bytes = resident_bytes()
            .zip(before)
            .map(|(after, before)| after.saturating_sub(before));
        let built = started.elapsed();
        let mut map = HashMap::with_capacity_and_hasher(n as usize, RandomState::default());
        for i in 0..n {
            // The table pops slots in order, so slot i holds bundle i.
            map.insert(key(&gcm(Direction::Inbound, spi(i))), i);
        }
        let mut rng = SEED ^ u64::from(n);
        let keys = (0..(n as usize).max(MIN_LOOKUPS))
            .map(|_| {
                key(&gcm(
                    Direction::Inbound,
                    spi((splitmix(&mut rng) % u64::from(n)) as u32),
                ))
            })
            .collect();
        println!(
            "built {n} inbound AES-GCM SAs in {built:.2?}: memory_per_bundle() = {} B; \
             resident growth ~{} B per SA (slots, index and each entry's key schedules, \
             size_of::<ElementCrypto>() = {} B per element reserved)",
            table.memory_per_bundle(),
            table_bytes.map_or("?".into(), |b| (b / u64::from(n)).to_string()),
            core::mem::size_of::<ipsecov2_core::engine::crypto::ElementCrypto>(),
        );
        Lookup { table, map, keys }
    }

    /// Best-of-three ns per lookup over the whole key sequence, table then map, interleaved
    /// (a cross-check of criterion's numbers, and the ratio in one line).
    fn ratio_line(label: &str, f: &Lookup) {
        let (mut table_ns, mut map_ns) = (f64::MAX, f64::MAX);
        for _ in 0..3 {
            let lookups = f.keys.len() as f64;
            let start = Instant::now();
            for k in &f.keys {
                black_box(
                    f.table
                        .find_inbound(black_box(k))
                        .map(|sa| sa.element_index()),
                );
            }
            table_ns = table_ns.min(start.elapsed().as_nanos() as f64 / lookups);
            let start = Instant::now();
            for k in &f.keys {
                black_box(f.map.get(black_box(k)).copied());
            }
            map_ns = map_ns.min(start.elapsed().as_nanos() as f64 / lookups);
        }
        println!(
            "lookup {label:>4}: SaTable {table_ns:6.1} ns, hashbrown {map_ns:6.1} ns, \
             ratio {:.2}",
            table_ns / map_ns
        );
    }

    fn lookups(c: &mut Criterion, full: bool) {
        let sizes: &[(u32, &str)] = if full {
            &[(1 << 10, "1K"), (1 << 16, "64K"), (1 << 20, "1M")]
        } else {
            &[(1 << 10, "1K"), (1 << 16, "64K")]
        };
        for &(n, label) in sizes {
            let f = lookup_fixture(n);
            let mut group = c.benchmark_group("inbound_lookup");
            group.bench_with_input(BenchmarkId::new("SaTable", label), &f, |b, f| {
                let (mut i, mask) = (0, f.keys.len() - 1);
                b.iter(|| {
                    let k = &f.keys[i];
                    i = (i + 1) & mask;
                    black_box(
                        f.table
                            .find_inbound(black_box(k))
                            .map(|sa| sa.element_index()),
                    )
                })
            });
            group.bench_with_input(BenchmarkId::new("hashbrown", label), &f, |b, f| {
                let (mut i, mask) = (0, f.keys.len() - 1);
                b.iter(|| {
                    let k = &f.keys[i];
                    i = (i + 1) & mask;
                    black_box(f.map.get(black_box(k)).copied())
                })
            });
            group.finish();
            if full {
                ratio_line(label, &f);
            }
            // `f` is dropped here: one big table alive at a time.
        }
    }

    fn adds(c: &mut Criterion) {
        let offload =
            IpsecOffload::new(ADD_CAPACITY, SEED, IpsecSetting::AhAndEsp).expect("offload");
        let config = offload.config.current();
        // Distinct inbound SAs, so that no add is a duplicate.
        let buffers: Vec<Vec<u8>> = (0..ADD_CAPACITY)
            .map(|i| build::add_sa_ex(&gcm(Direction::Inbound, spi(i))))
            .collect();
        let specs: Vec<BundleSpec> = (0..ADD_CAPACITY)
            .map(|i| gcm(Direction::Inbound, spi(i)))
            .collect();
        let mut group = c.benchmark_group("add_sa_ex_gcm128");

        group.bench_function("decode_add_sa_ex", |b| {
            let buffer = &buffers[0];
            b.iter(|| black_box(decode_add_sa_ex(black_box(buffer), &config).is_ok()))
        });

        // Timed: the adds only; the table is emptied between batches, untimed.
        group.bench_function("IpsecOffload::add_sa_ex", |b| {
            let mut buffers = buffers.clone();
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                let mut left = iters;
                while left > 0 {
                    let batch = left.min(u64::from(ADD_CAPACITY)) as usize;
                    let start = Instant::now();
                    for buffer in &mut buffers[..batch] {
                        black_box(offload.add_sa_ex(black_box(buffer)).is_ok());
                    }
                    total += start.elapsed();
                    assert_eq!(offload.table.clear() as usize, batch, "every add succeeded");
                    left -= batch as u64;
                }
                total
            })
        });

        group.bench_function("SaTable::add (pre-decoded)", |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                let mut left = iters;
                while left > 0 {
                    let batch = left.min(u64::from(ADD_CAPACITY)) as usize;
                    let mut fresh: Vec<BundleSpec> = specs[..batch].to_vec();
                    let start = Instant::now();
                    for spec in fresh.drain(..) {
                        black_box(offload.table.add(spec).is_ok());
                    }
                    total += start.elapsed();
                    assert_eq!(offload.table.clear() as usize, batch, "every add succeeded");
                    left -= batch as u64;
                }
                total
            })
        });

        group.bench_function("add_sa_ex + delete", |b| {
            let mut buffer = buffers[0].clone();
            b.iter(|| {
                let handle = offload.add_sa_ex(black_box(&mut buffer)).expect("add");
                black_box(offload.delete(handle) == Deleted::Bundle)
            })
        });
        group.finish();
    }

    pub fn main() {
        // `cargo bench` passes `--bench`; `cargo test --benches` does not (test mode: each
        // benchmark runs once, and the 1M table is not built).
        let full = std::env::args().any(|a| a == "--bench");
        let mut c = Criterion::default()
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2))
            .configure_from_args();
        // Lookups first, so that the resident-growth figures come from fresh memory.
        lookups(&mut c, full);
        adds(&mut c);
        c.final_summary();
        let capacities: &[u32] = if full {
            &[1 << 10, 1 << 16, 1 << 20]
        } else {
            &[1 << 10, 1 << 16]
        };
        for &n in capacities {
            let table = SaTable::new(n, SEED).expect("table memory");
            println!(
                "SaTable::memory_per_bundle() at capacity {n}: {} bytes",
                table.memory_per_bundle()
            );
        }
    }
}

fn main() {
    #[cfg(not(loom))]
    benches::main();
}
