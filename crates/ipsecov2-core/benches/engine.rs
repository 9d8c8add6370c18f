//! Engine throughput against raw AEAD libraries, side by side in one run (so the ratios
//! between lines are meaningful):
//!
//! * `gcm128_seal/engine/N`: `SaTable::get_outbound` + `seal_frame` on an Ethernet/IPv4/ESP
//!   frame as the stack frames it (ESN SA, AES-GCM-128, 16-byte ICV, ICV space reserved,
//!   slot-12 hints), N bytes of payload (plus the ESP trailer: 2..4 more bytes encrypted);
//! * `gcm128_open/engine/N`: `open_frame` on that frame once sealed (SA lookup, ESN
//!   inference, verify, decrypt, trailer check);
//! * `.../ring/N`: ring's `LessSafeKey::seal_in_place_separate_tag` / `open_in_place`
//!   (AES_128_GCM, 8-byte AAD, fixed nonce) on N bytes: the raw baseline;
//! * `.../rustcrypto/N`: RustCrypto `aes-gcm` 0.10 `encrypt_in_place_detached` /
//!   `decrypt_in_place_detached`, built on the same `aes` 0.8 and `ghash` 0.5 as the engine;
//! * `gcm128_seal/ring_esp_len/N`: ring on exactly what the engine encrypts (payload +
//!   padding + trailer, 12-byte ESN AAD), to separate ESP's extra bytes from engine overhead;
//! * `cbc128_sha256_{seal,open}/engine/N`: the same frames with AES-CBC-128 +
//!   HMAC-SHA-256-128 (payload + padding + trailer a multiple of 16);
//! * `reset_copy/frame/N`: the `copy_from_slice` of a whole frame alone.
//!
//! Every line restores its buffer from a pristine copy each iteration (`copy_from_slice`):
//! open decrypts in place, and seal must see a fresh frame (zero IV field) each time. A NIC
//! driver copies the frame too (from the NBL into its own buffer), so the copy is counted; its
//! cost alone is `reset_copy`. Throughput is reported on N payload bytes for every line.
//!
//! Sequence numbers: the outbound SA has ESN high bits 1 and each frame carries low bits
//! 1000; re-sealing the same low bits keeps the 64-bit number (1 << 32) | 1000, and re-opening
//! the same sealed packet infers it again on the first try (the engine has no replay check).
//!
//! `cargo bench -p ipsecov2-core --bench engine` (about 2.5 minutes). Without `--bench`
//! (`cargo test --benches`) each benchmark runs once, after the cross-checks below.

#[cfg(not(loom))]
mod benches {
    use aes_gcm::{AeadInPlace, Aes128Gcm, KeyInit};
    use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput, measurement::WallTime};
    use ipsecov2_core::engine::{SendHints, open_frame, seal_frame};
    use ipsecov2_core::sa::SaTable;
    use ipsecov2_core::sa::spec::*;
    use ndis_sys::CRYPTO_SUCCESS;
    use ring::aead::{AES_128_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
    use std::hint::black_box;
    use std::time::Duration;

    /// Payload bytes per packet: a minimum-size packet, a mid-size one, a full 1500-MTU ESP
    /// payload and a jumbo frame.
    const SIZES: [usize; 4] = [64, 512, 1420, 9000];

    const SPI: u32 = 0x0A0B_0C0D;
    /// ESN high bits of the SAs and low bits on the wire: the 64-bit number is (1 << 32) | 1000.
    const SEQ_HIGH: u32 = 1;
    const SEQ_LOW: u32 = 1000;
    /// Next header in the ESP trailer (UDP).
    const NEXT_HEADER: u8 = 17;
    const SOURCE: [u8; 4] = [10, 0, 0, 1];
    const DESTINATION: [u8; 4] = [10, 0, 0, 2];
    const ETHERNET: usize = 14;
    const IPV4: usize = 20;

    /// AES-128 key ‖ 4-byte salt (RFC 4106).
    const GCM_KEY: [u8; 20] = [
        0x4c, 0x80, 0xcd, 0xef, 0xbb, 0x5d, 0x10, 0xda, 0x90, 0x6a, 0xc7, 0x3c, 0x36, 0x13, 0xa6,
        0x34, 0x2e, 0x44, 0x3b, 0x68,
    ];
    const CBC_KEY: [u8; 16] = [0x5A; 16];
    const HMAC_KEY: [u8; 32] = [0xA5; 32];

    /// The baselines' fixed nonce and AAD (an ESP SPI ‖ sequence number).
    const NONCE: [u8; 12] = [0x2e, 0x44, 0x3b, 0x68, 0, 0, 0, 1, 0, 0, 0x03, 0xE8];
    const AAD8: [u8; 8] = [0x0A, 0x0B, 0x0C, 0x0D, 0, 0, 0x03, 0xE8];

    #[derive(Clone, Copy)]
    enum Suite {
        Gcm128,
        Cbc128Sha256,
    }

    impl Suite {
        /// (IV bytes, alignment of payload + padding + trailer, ICV bytes).
        fn layout(self) -> (usize, usize, usize) {
            match self {
                Suite::Gcm128 => (8, 4, 16),
                Suite::Cbc128Sha256 => (16, 16, 16),
            }
        }

        fn spec(self, direction: Direction) -> BundleSpec {
            let (auth, enc) = match self {
                Suite::Gcm128 => (
                    None,
                    EncSpec {
                        algorithm: EncAlgorithm::AesGcm128,
                        key: Key::new(&GCM_KEY).expect("key"),
                        icv_len: 16,
                    },
                ),
                Suite::Cbc128Sha256 => (
                    Some(AuthSpec {
                        algorithm: AuthAlgorithm::HmacSha256_128,
                        key: Key::new(&HMAC_KEY).expect("key"),
                    }),
                    EncSpec {
                        algorithm: EncAlgorithm::AesCbc128,
                        key: Key::new(&CBC_KEY).expect("key"),
                        icv_len: 0,
                    },
                ),
            };
            let mut source = [0u8; 16];
            source[..4].copy_from_slice(&SOURCE);
            let mut destination = [0u8; 16];
            destination[..4].copy_from_slice(&DESTINATION);
            BundleSpec {
                direction,
                ip_version: IpVersion::V4,
                source,
                destination,
                udp_encapsulation: UdpEncapsulation::None,
                elements: ElementList::one(ElementSpec {
                    operation: Operation::Esp,
                    spi: SPI,
                    esn: true,
                    seq_high: SEQ_HIGH,
                    auth,
                    enc: Some(enc),
                }),
            }
        }
    }

    /// The payload bytes of a packet of `len` bytes.
    fn payload(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 + 3) as u8).collect()
    }

    /// ESP payload ‖ padding (1, 2, 3, ...) ‖ pad length ‖ next header, aligned to `align`.
    fn esp_plaintext(payload_len: usize, align: usize) -> (Vec<u8>, u8) {
        let pad = (align - (payload_len + 2) % align) % align;
        let mut data = payload(payload_len);
        data.extend((1..=pad).map(|b| b as u8));
        data.extend_from_slice(&[pad as u8, NEXT_HEADER]);
        (data, pad as u8)
    }

    /// One outbound frame as the stack hands it over (Ethernet ‖ IPv4 ‖ ESP header with a zero
    /// IV field ‖ plaintext payload and trailer ‖ zeroed ICV space counted in the IP length),
    /// and the slot-12 hints that go with it.
    fn framed(suite: Suite, payload_len: usize) -> (Vec<u8>, SendHints) {
        let (iv_len, align, icv_len) = suite.layout();
        let (plaintext, pad) = esp_plaintext(payload_len, align);
        let total = IPV4 + 8 + iv_len + plaintext.len() + icv_len;
        let mut frame = vec![0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00];
        let mut ip = [0u8; IPV4];
        ip[0] = 0x45;
        ip[2..4].copy_from_slice(&u16::try_from(total).expect("IPv4 length").to_be_bytes());
        ip[8] = 64;
        ip[9] = 50;
        ip[12..16].copy_from_slice(&SOURCE);
        ip[16..20].copy_from_slice(&DESTINATION);
        let sum = ip
            .chunks_exact(2)
            .map(|w| u32::from(u16::from_be_bytes([w[0], w[1]])))
            .sum::<u32>();
        let sum = (sum & 0xFFFF) + (sum >> 16);
        let sum = (sum & 0xFFFF) + (sum >> 16);
        ip[10..12].copy_from_slice(&(!(sum as u16)).to_be_bytes());
        frame.extend_from_slice(&ip);
        frame.extend_from_slice(&SPI.to_be_bytes());
        frame.extend_from_slice(&SEQ_LOW.to_be_bytes());
        frame.resize(frame.len() + iv_len, 0);
        frame.extend_from_slice(&plaintext);
        frame.resize(frame.len() + icv_len, 0);
        let hints = SendHints {
            esp_offset: IPV4,
            ah_offset: 0,
            next_header: NEXT_HEADER,
            pad_length: pad,
            present: true,
        };
        (frame, hints)
    }

    /// An outbound and an inbound table holding one SA each of `suite`, and the
    /// outbound handle.
    fn tables(suite: Suite) -> (SaTable, u64, SaTable) {
        let outbound = SaTable::new(16, 1).expect("table");
        let handle = outbound.add(suite.spec(Direction::Outbound)).expect("add");
        let inbound = SaTable::new(16, 2).expect("table");
        inbound.add(suite.spec(Direction::Inbound)).expect("add");
        (outbound, handle, inbound)
    }

    fn ring_key() -> LessSafeKey {
        LessSafeKey::new(UnboundKey::new(&AES_128_GCM, &GCM_KEY[..16]).expect("ring key"))
    }

    /// One engine fixture: the pristine outbound frame and its sealed form.
    struct Fixture {
        outbound: SaTable,
        handle: u64,
        inbound: SaTable,
        frame: Vec<u8>,
        hints: SendHints,
        sealed: Vec<u8>,
    }

    fn fixture(suite: Suite, payload_len: usize) -> Fixture {
        let (outbound, handle, inbound) = tables(suite);
        let (frame, hints) = framed(suite, payload_len);
        let mut sealed = frame.clone();
        let sa = outbound.get_outbound(handle).expect("outbound SA");
        let done = seal_frame(&mut sealed, frame.len(), &sa, None, &hints).expect("seal");
        drop(sa);
        assert_eq!(done.len, frame.len(), "ICV space was reserved");
        assert!(!done.appended);
        let fixture = Fixture {
            outbound,
            handle,
            inbound,
            frame,
            hints,
            sealed,
        };
        check(suite, payload_len, &fixture);
        fixture
    }

    /// Cross-checks before anything is timed: GCM frames against ring (nonce salt ‖ 64-bit
    /// sequence number, AAD SPI ‖ ESN-high ‖ ESN-low), and every frame opened back.
    fn check(suite: Suite, payload_len: usize, fixture: &Fixture) {
        let esp = ETHERNET + IPV4;
        let seq = (u64::from(SEQ_HIGH) << 32) | u64::from(SEQ_LOW);
        let (iv_len, align, icv_len) = suite.layout();
        let data = esp + 8 + iv_len;
        let trailer_end = fixture.sealed.len() - icv_len;
        if let Suite::Gcm128 = suite {
            assert_eq!(&fixture.sealed[esp + 8..data], &seq.to_be_bytes(), "IV");
            let (mut plaintext, _) = esp_plaintext(payload_len, align);
            let mut nonce = [0u8; 12];
            nonce[..4].copy_from_slice(&GCM_KEY[16..]);
            nonce[4..].copy_from_slice(&seq.to_be_bytes());
            let mut aad = SPI.to_be_bytes().to_vec();
            aad.extend_from_slice(&SEQ_HIGH.to_be_bytes());
            aad.extend_from_slice(&SEQ_LOW.to_be_bytes());
            let tag = ring_key()
                .seal_in_place_separate_tag(
                    Nonce::assume_unique_for_key(nonce),
                    Aad::from(&aad[..]),
                    &mut plaintext,
                )
                .expect("ring seal");
            assert_eq!(
                &fixture.sealed[data..trailer_end],
                &plaintext[..],
                "ciphertext"
            );
            assert_eq!(&fixture.sealed[trailer_end..], tag.as_ref(), "ICV");
        }
        let mut work = fixture.sealed.clone();
        let report = open_frame(&fixture.inbound, &mut work, true);
        assert!(report.crypto_done);
        assert_eq!(
            u32::from(report.status),
            CRYPTO_SUCCESS,
            "{}",
            report.status_name()
        );
        assert_eq!(report.seq, seq);
        assert_eq!(&work[data..data + payload_len], &payload(payload_len)[..]);
    }

    fn engine_seal(group: &mut BenchmarkGroup<'_, WallTime>, fixture: &Fixture, n: usize) {
        let mut work = fixture.frame.clone();
        let len = fixture.frame.len();
        group.bench_with_input(BenchmarkId::new("engine", n), &n, |b, _| {
            b.iter(|| {
                work.copy_from_slice(&fixture.frame);
                let sa = fixture
                    .outbound
                    .get_outbound(black_box(fixture.handle))
                    .expect("outbound SA");
                let sealed = seal_frame(&mut work, len, &sa, None, &fixture.hints).expect("seal");
                black_box(sealed.len)
            })
        });
    }

    fn engine_open(group: &mut BenchmarkGroup<'_, WallTime>, fixture: &Fixture, n: usize) {
        let mut work = fixture.sealed.clone();
        group.bench_with_input(BenchmarkId::new("engine", n), &n, |b, _| {
            b.iter(|| {
                work.copy_from_slice(&fixture.sealed);
                let report = open_frame(&fixture.inbound, &mut work, true);
                assert!(report.crypto_done && u32::from(report.status) == CRYPTO_SUCCESS);
                black_box(report.seq)
            })
        });
    }

    fn gcm(c: &mut Criterion) {
        let ring = ring_key();
        let rustcrypto = Aes128Gcm::new_from_slice(&GCM_KEY[..16]).expect("aes-gcm key");
        let nonce = aes_gcm::Nonce::from_slice(&NONCE);
        let fixtures: Vec<Fixture> = SIZES.iter().map(|&n| fixture(Suite::Gcm128, n)).collect();

        let mut group = c.benchmark_group("gcm128_seal");
        for (&n, fixture) in SIZES.iter().zip(&fixtures) {
            group.throughput(Throughput::Bytes(n as u64));
            engine_seal(&mut group, fixture, n);

            let plain = payload(n);
            let mut buf = plain.clone();
            group.bench_with_input(BenchmarkId::new("ring", n), &n, |b, _| {
                b.iter(|| {
                    buf.copy_from_slice(&plain);
                    let tag = ring
                        .seal_in_place_separate_tag(
                            Nonce::assume_unique_for_key(NONCE),
                            Aad::from(black_box(&AAD8)),
                            &mut buf,
                        )
                        .expect("ring seal");
                    black_box(tag)
                })
            });

            group.bench_with_input(BenchmarkId::new("rustcrypto", n), &n, |b, _| {
                b.iter(|| {
                    buf.copy_from_slice(&plain);
                    let tag = rustcrypto
                        .encrypt_in_place_detached(nonce, black_box(&AAD8), &mut buf)
                        .expect("aes-gcm seal");
                    black_box(tag)
                })
            });

            // What the engine encrypts: payload, padding and trailer, under a 12-byte AAD.
            let (esp_plain, _) = esp_plaintext(n, 4);
            let mut esp_buf = esp_plain.clone();
            let aad12 = [&AAD8[..4], &SEQ_HIGH.to_be_bytes()[..], &AAD8[4..]].concat();
            group.bench_with_input(BenchmarkId::new("ring_esp_len", n), &n, |b, _| {
                b.iter(|| {
                    esp_buf.copy_from_slice(&esp_plain);
                    let tag = ring
                        .seal_in_place_separate_tag(
                            Nonce::assume_unique_for_key(NONCE),
                            Aad::from(black_box(&aad12[..])),
                            &mut esp_buf,
                        )
                        .expect("ring seal");
                    black_box(tag)
                })
            });
        }
        group.finish();

        let mut group = c.benchmark_group("gcm128_open");
        for (&n, fixture) in SIZES.iter().zip(&fixtures) {
            group.throughput(Throughput::Bytes(n as u64));
            engine_open(&mut group, fixture, n);

            let mut ring_sealed = payload(n);
            let tag = ring
                .seal_in_place_separate_tag(
                    Nonce::assume_unique_for_key(NONCE),
                    Aad::from(&AAD8),
                    &mut ring_sealed,
                )
                .expect("ring seal");
            ring_sealed.extend_from_slice(tag.as_ref());
            let mut buf = ring_sealed.clone();
            group.bench_with_input(BenchmarkId::new("ring", n), &n, |b, _| {
                b.iter(|| {
                    buf.copy_from_slice(&ring_sealed);
                    let plain = ring
                        .open_in_place(
                            Nonce::assume_unique_for_key(NONCE),
                            Aad::from(black_box(&AAD8)),
                            &mut buf,
                        )
                        .expect("ring open");
                    black_box(plain.len())
                })
            });

            // Same key, nonce and AAD: ring's ciphertext and tag are aes-gcm's too.
            let tag = aes_gcm::Tag::clone_from_slice(&ring_sealed[n..]);
            let ciphertext = ring_sealed[..n].to_vec();
            let mut buf = ciphertext.clone();
            rustcrypto
                .decrypt_in_place_detached(nonce, &AAD8, &mut buf, &tag)
                .expect("aes-gcm agrees with ring");
            assert_eq!(buf, payload(n));
            group.bench_with_input(BenchmarkId::new("rustcrypto", n), &n, |b, _| {
                b.iter(|| {
                    buf.copy_from_slice(&ciphertext);
                    rustcrypto
                        .decrypt_in_place_detached(nonce, black_box(&AAD8), &mut buf, &tag)
                        .expect("aes-gcm open");
                    black_box(&buf);
                })
            });
        }
        group.finish();

        let mut group = c.benchmark_group("reset_copy");
        for (&n, fixture) in SIZES.iter().zip(&fixtures) {
            group.throughput(Throughput::Bytes(n as u64));
            let mut work = fixture.sealed.clone();
            group.bench_with_input(BenchmarkId::new("frame", n), &n, |b, _| {
                b.iter(|| {
                    work.copy_from_slice(black_box(&fixture.sealed));
                    black_box(&work);
                })
            });
        }
        group.finish();
    }

    fn cbc(c: &mut Criterion) {
        let fixtures: Vec<Fixture> = SIZES
            .iter()
            .map(|&n| fixture(Suite::Cbc128Sha256, n))
            .collect();
        let mut group = c.benchmark_group("cbc128_sha256_seal");
        for (&n, fixture) in SIZES.iter().zip(&fixtures) {
            group.throughput(Throughput::Bytes(n as u64));
            engine_seal(&mut group, fixture, n);
        }
        group.finish();
        let mut group = c.benchmark_group("cbc128_sha256_open");
        for (&n, fixture) in SIZES.iter().zip(&fixtures) {
            group.throughput(Throughput::Bytes(n as u64));
            engine_open(&mut group, fixture, n);
        }
        group.finish();
    }

    pub fn main() {
        let mut c = Criterion::default()
            .sample_size(40)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_millis(2500))
            .configure_from_args();
        gcm(&mut c);
        cbc(&mut c);
        c.final_summary();
    }
}

fn main() {
    #[cfg(not(loom))]
    benches::main();
}
