//! Property tests of the SA table against a plain model.
//!
//! * `table_matches_model`: random sequences of add / delete / update_esn / get /
//!   get_outbound / find_inbound on a small table (capacity 0..=10, so `TableFull`, inbound
//!   SPI collisions and index probe-run shifting are all frequent), checked after every step
//!   against a model: a list of live bundles (handle, spec, ESN high bits) plus the handles
//!   that were deleted.
//! * `held_reference_survives_delete`: an `SaRef` held across a delete keeps its entry
//!   readable and intact; the last one dropped reclaims the slot exactly once.
//! * `oid_layer_round_trips`: ADD_SA_EX / ADD_SA buffers from `sa_oids::build` go through
//!   `IpsecOffload`, and the table holds exactly the bundles that were encoded.

#![cfg(not(loom))]

use ipsecov2_core::offload::IpsecSetting;
use ipsecov2_core::sa::handle::{HandleCodec, HandleFields};
use ipsecov2_core::sa::spec::*;
use ipsecov2_core::sa::{InboundKey, SaError, SaRef, SaTable};
use ipsecov2_core::sa_oids::decode::{
    ADD_SA_EX_HANDLE_OFFSET, ADD_SA_HANDLE_OFFSET, decode_delete_sa,
};
use ipsecov2_core::sa_oids::{Deleted, IpsecOffload, build};
use proptest::prelude::*;
use proptest::sample::Index;

const SEED: u64 = 0x5EED_0F7A_B1E5;

// ---------------------------------------------------------------------------------------------
// Generators.

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn key(len: usize, seed: &mut u64) -> Key {
    let bytes: Vec<u8> = (0..len).map(|_| splitmix(seed) as u8).collect();
    Key::new(&bytes).expect("key fits")
}

/// How an element is protected, as raw choices turned into a valid spec by `protection`.
#[derive(Clone, Copy, Debug)]
struct Protection {
    kind: u8,
    enc: usize,
    auth: usize,
    salt: bool,
    icv: usize,
    key_seed: u64,
}

fn protection_strategy() -> impl Strategy<Value = Protection> {
    (
        0u8..3,
        0usize..8,
        0usize..8,
        any::<bool>(),
        0usize..3,
        any::<u64>(),
    )
        .prop_map(|(kind, enc, auth, salt, icv, key_seed)| Protection {
            kind,
            enc,
            auth,
            salt,
            icv,
            key_seed,
        })
}

fn auth_spec(algorithm: AuthAlgorithm, salt: bool, seed: &mut u64) -> AuthSpec {
    let len = algorithm.key_len() + if algorithm.is_gmac() && salt { 4 } else { 0 };
    AuthSpec {
        algorithm,
        key: key(len, seed),
    }
}

/// A valid (auth, enc) pair for an element, in the canonical form the decoder produces
/// (ESP-NULL carries an empty NULL `EncSpec`; AES-GCM carries no `AuthSpec`).
fn protection(operation: Operation, p: Protection) -> (Option<AuthSpec>, Option<EncSpec>) {
    let mut seed = p.key_seed;
    if operation == Operation::Ah {
        let algorithm = AuthAlgorithm::ALL[p.auth % AuthAlgorithm::ALL.len()];
        return (Some(auth_spec(algorithm, p.salt, &mut seed)), None);
    }
    match p.kind {
        0 => {
            let gcm = [
                EncAlgorithm::AesGcm128,
                EncAlgorithm::AesGcm192,
                EncAlgorithm::AesGcm256,
            ];
            let algorithm = gcm[p.enc % gcm.len()];
            let len = algorithm.key_len() + if p.salt { 4 } else { 0 };
            let enc = EncSpec {
                algorithm,
                key: key(len, &mut seed),
                icv_len: [8, 12, 16][p.icv],
            };
            (None, Some(enc))
        }
        1 => {
            let cbc = [
                EncAlgorithm::DesCbc,
                EncAlgorithm::TripleDesCbc,
                EncAlgorithm::AesCbc128,
                EncAlgorithm::AesCbc192,
                EncAlgorithm::AesCbc256,
            ];
            let hmac = [
                AuthAlgorithm::HmacMd5_96,
                AuthAlgorithm::HmacSha1_96,
                AuthAlgorithm::HmacSha256_128,
            ];
            let algorithm = cbc[p.enc % cbc.len()];
            let auth = hmac.get(p.auth).map(|&a| auth_spec(a, false, &mut seed));
            let enc = EncSpec {
                algorithm,
                key: key(algorithm.key_len(), &mut seed),
                icv_len: 0,
            };
            (auth, Some(enc))
        }
        _ => {
            let algorithm = AuthAlgorithm::ALL[p.auth % AuthAlgorithm::ALL.len()];
            let auth = auth_spec(algorithm, p.salt, &mut seed);
            let enc = EncSpec {
                algorithm: EncAlgorithm::Null,
                key: Key::new(&[]).expect("empty key"),
                icv_len: 0,
            };
            (Some(auth), Some(enc))
        }
    }
}

/// SPIs from a tiny pool most of the time, so inbound keys collide often.
fn spi_strategy() -> impl Strategy<Value = u32> {
    prop_oneof![4 => 1u32..=3, 1 => 1u32..=u32::MAX]
}

fn v4(octets: [u8; 4]) -> [u8; 16] {
    build::samples::addr4(octets)
}

fn v6(last: u8) -> [u8; 16] {
    [
        0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last,
    ]
}

/// Destination `choice` (0 = all-zero wildcard) in the form of `ip_version`.
fn destination(ip_version: IpVersion, choice: u8) -> [u8; 16] {
    match (choice, ip_version) {
        (0, _) => [0; 16],
        (1, IpVersion::V4) => v4([192, 0, 2, 2]),
        (_, IpVersion::V4) => v4([198, 51, 100, 7]),
        (1, IpVersion::V6) => v6(2),
        (_, IpVersion::V6) => v6(7),
    }
}

/// Every destination the generators use, for lookups.
fn all_destinations() -> [[u8; 16]; 5] {
    [
        [0; 16],
        destination(IpVersion::V4, 1),
        destination(IpVersion::V4, 2),
        destination(IpVersion::V6, 1),
        destination(IpVersion::V6, 2),
    ]
}

const UDP: [UdpEncapsulation; 5] = [
    UdpEncapsulation::None,
    UdpEncapsulation::Transport,
    UdpEncapsulation::Tunnel,
    UdpEncapsulation::TransportOverUdpTunnel,
    UdpEncapsulation::UdpTransportOverTunnel,
];

fn element(operation: Operation, spi: u32, esn: bool, seq_high: u32, p: Protection) -> ElementSpec {
    let (auth, enc) = protection(operation, p);
    ElementSpec {
        operation,
        spi,
        esn,
        seq_high,
        auth,
        enc,
    }
}

/// A random bundle the decoder would accept with everything enabled.
fn bundle_strategy() -> impl Strategy<Value = BundleSpec> {
    let addressing = (
        any::<bool>(),
        any::<bool>(),
        0u8..3,
        any::<[u8; 16]>(),
        any::<bool>(),
    );
    // shape: 0 = ESP alone, 1 = AH alone, 2 = ESP then AH
    let elements = (
        0u8..3,
        spi_strategy(),
        spi_strategy(),
        (any::<bool>(), any::<bool>()),
        (prop_oneof![Just(0u32), any::<u32>()], any::<u32>()),
        protection_strategy(),
        protection_strategy(),
        prop_oneof![Just(0usize), 0usize..UDP.len()],
    );
    (addressing, elements).prop_map(
        |(
            (inbound, ipv6, dst_choice, src_bytes, src_any),
            (shape, spi_a, spi_b, (esn_a, esn_b), (high_a, high_b), p_a, p_b, udp),
        )| {
            let ip_version = if ipv6 { IpVersion::V6 } else { IpVersion::V4 };
            let mut source = if src_any { [0; 16] } else { src_bytes };
            if ip_version == IpVersion::V4 {
                source[4..].fill(0);
            }
            let (elements, udp_encapsulation) = match shape {
                0 => (
                    ElementList::one(element(Operation::Esp, spi_a, esn_a, high_a, p_a)),
                    UDP[udp],
                ),
                1 => (
                    ElementList::one(element(Operation::Ah, spi_a, esn_a, high_a, p_a)),
                    UdpEncapsulation::None,
                ),
                _ => (
                    ElementList::two(
                        element(Operation::Esp, spi_a, esn_a, high_a, p_a),
                        element(Operation::Ah, spi_b, esn_b, high_b, p_b),
                    ),
                    UdpEncapsulation::None,
                ),
            };
            BundleSpec {
                direction: if inbound {
                    Direction::Inbound
                } else {
                    Direction::Outbound
                },
                ip_version,
                source,
                destination: destination(ip_version, dst_choice),
                udp_encapsulation,
                elements,
            }
        },
    )
}

// ---------------------------------------------------------------------------------------------
// The model.

/// The inbound keys a bundle is found by (none for outbound bundles), with element indices.
fn inbound_keys(spec: &BundleSpec) -> Vec<(InboundKey, usize)> {
    if spec.direction != Direction::Inbound {
        return Vec::new();
    }
    spec.elements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                InboundKey {
                    spi: e.spi,
                    destination: spec.destination,
                    protocol: e.operation.ip_protocol(),
                    udp: spec.udp_encapsulation.is_udp(),
                },
                i,
            )
        })
        .collect()
}

struct Live {
    handle: u64,
    spec: BundleSpec,
    high: [u32; 2],
    /// Sequence tops as first read after the add (no packet moves them here).
    top: [u64; 2],
}

#[derive(Default)]
struct Model {
    capacity: u32,
    live: Vec<Live>,
    dead: Vec<u64>,
}

impl Model {
    fn entry(&self, handle: u64) -> Option<&Live> {
        self.live.iter().find(|l| l.handle == handle)
    }

    fn find_exact(&self, key: &InboundKey) -> Option<(u64, usize)> {
        self.live.iter().find_map(|l| {
            inbound_keys(&l.spec)
                .into_iter()
                .find(|(k, _)| k == key)
                .map(|(_, i)| (l.handle, i))
        })
    }

    /// Exact destination first, then the all-zero wildcard.
    fn find_inbound(&self, key: &InboundKey) -> Option<(u64, usize)> {
        self.find_exact(key).or_else(|| {
            let any = InboundKey {
                destination: [0; 16],
                ..*key
            };
            if key.destination == any.destination {
                None
            } else {
                self.find_exact(&any)
            }
        })
    }

    /// What `add` must answer, short of the handle.
    fn add_outcome(&self, spec: &BundleSpec) -> Result<(), SaError> {
        if inbound_keys(spec)
            .iter()
            .any(|(k, _)| self.find_exact(k).is_some())
        {
            return Err(SaError::DuplicateInboundSa);
        }
        if self.live.len() as u32 >= self.capacity {
            return Err(SaError::TableFull);
        }
        Ok(())
    }

    fn record_add(&mut self, handle: u64, spec: BundleSpec, top: [u64; 2]) {
        let mut high = [0u32; 2];
        for (h, e) in high.iter_mut().zip(spec.elements.iter()) {
            *h = e.seq_high;
        }
        self.live.push(Live {
            handle,
            spec,
            high,
            top,
        });
    }

    fn delete(&mut self, handle: u64) -> Result<(), SaError> {
        let at = self
            .live
            .iter()
            .position(|l| l.handle == handle)
            .ok_or(SaError::UnknownHandle)?;
        self.live.remove(at);
        self.dead.push(handle);
        Ok(())
    }

    fn update_esn(
        &mut self,
        handle: u64,
        operation: Operation,
        spi: u32,
        high: u32,
    ) -> Result<(), SaError> {
        let live = self
            .live
            .iter_mut()
            .find(|l| l.handle == handle)
            .ok_or(SaError::UnknownHandle)?;
        let index = live
            .spec
            .elements
            .iter()
            .position(|e| e.operation == operation && e.spi == spi)
            .ok_or(SaError::NotEsn)?;
        let esn = live.spec.elements.iter().nth(index).is_some_and(|e| e.esn);
        if !esn {
            return Err(SaError::NotEsn);
        }
        live.high[index] = high;
        Ok(())
    }

    /// Inbound keys of live bundles, for lookups that should hit.
    fn keys(&self) -> Vec<InboundKey> {
        self.live
            .iter()
            .flat_map(|l| inbound_keys(&l.spec).into_iter().map(|(k, _)| k))
            .collect()
    }
}

/// Which handle an operation uses.
#[derive(Clone, Debug)]
enum Target {
    /// A live bundle's handle.
    Live(Index),
    /// A deleted bundle's handle.
    Stale(Index),
    /// A live bundle's handle with the direction bit flipped (same slot and generation).
    Flipped(Index),
    /// The handle of a live bundle's slot with a later generation.
    NextGeneration(Index),
    /// Any value.
    Forged(u64),
    Zero,
}

fn target_strategy() -> impl Strategy<Value = Target> {
    prop_oneof![
        6 => any::<Index>().prop_map(Target::Live),
        2 => any::<Index>().prop_map(Target::Stale),
        1 => any::<Index>().prop_map(Target::Flipped),
        1 => any::<Index>().prop_map(Target::NextGeneration),
        1 => any::<u64>().prop_map(Target::Forged),
        1 => Just(Target::Zero),
    ]
}

#[derive(Clone, Debug)]
enum Op {
    Add(BundleSpec),
    /// Add a copy of a live bundle (so its inbound keys collide), possibly in the other
    /// direction, with another UDP-ESP type of the same kind, or with the AH element dropped.
    AddLike {
        base: Index,
        flip_direction: bool,
        udp: usize,
        truncate: bool,
    },
    Delete(Target),
    UpdateEsn {
        target: Target,
        element: Index,
        /// Some: use this SPI instead of the element's (usually a miss).
        spi: Option<u32>,
        /// Use the other operation than the element's.
        other_operation: bool,
        high: u32,
    },
    Get(Target),
    GetOutbound(Target),
    /// Look up a live key (`Some`), possibly with the destination replaced; or a key built
    /// from the generators' pools (`None`).
    FindInbound {
        live_key: Option<Index>,
        destination: Option<usize>,
        spi: u32,
        ah: bool,
        udp: bool,
    },
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => bundle_strategy().prop_map(Op::Add),
        2 => (any::<Index>(), prop::bool::weighted(0.3), 0usize..4, any::<bool>()).prop_map(
            |(base, flip_direction, udp, truncate)| Op::AddLike {
                base,
                flip_direction,
                udp,
                truncate,
            }
        ),
        4 => target_strategy().prop_map(Op::Delete),
        2 => (
            target_strategy(),
            any::<Index>(),
            prop_oneof![4 => Just(None), 1 => spi_strategy().prop_map(Some)],
            prop::bool::weighted(0.2),
            any::<u32>(),
        )
            .prop_map(|(target, element, spi, other_operation, high)| Op::UpdateEsn {
                target,
                element,
                spi,
                other_operation,
                high,
            }),
        2 => target_strategy().prop_map(Op::Get),
        1 => target_strategy().prop_map(Op::GetOutbound),
        3 => (
            prop::option::weighted(0.7, any::<Index>()),
            prop::option::weighted(0.4, 0usize..5),
            spi_strategy(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(live_key, destination, spi, ah, udp)| Op::FindInbound {
                live_key,
                destination,
                spi,
                ah,
                udp,
            }),
    ]
}

// ---------------------------------------------------------------------------------------------
// Checks.

fn codec() -> HandleCodec {
    HandleCodec::new(SEED)
}

fn flipped(handle: u64) -> u64 {
    let Some(mut fields) = codec().decode(handle) else {
        return handle;
    };
    fields.direction = match fields.direction {
        Direction::Inbound => Direction::Outbound,
        Direction::Outbound => Direction::Inbound,
    };
    codec().encode(fields)
}

fn next_generation(handle: u64) -> u64 {
    let Some(fields) = codec().decode(handle) else {
        return handle;
    };
    codec().encode(HandleFields {
        generation: ipsecov2_core::sa::handle::next_generation(fields.generation),
        ..fields
    })
}

fn resolve(model: &Model, target: &Target) -> u64 {
    match target {
        Target::Live(i) if !model.live.is_empty() => model.live[i.index(model.live.len())].handle,
        Target::Stale(i) if !model.dead.is_empty() => model.dead[i.index(model.dead.len())],
        Target::Flipped(i) if !model.live.is_empty() => {
            flipped(model.live[i.index(model.live.len())].handle)
        }
        Target::NextGeneration(i) if !model.live.is_empty() => {
            next_generation(model.live[i.index(model.live.len())].handle)
        }
        Target::Forged(h) => *h,
        _ => 0,
    }
}

/// The sequence tops of a just-added bundle.
fn tops(table: &SaTable, handle: u64) -> Result<[u64; 2], TestCaseError> {
    let sa = table.get(handle);
    prop_assert!(sa.is_some(), "a new handle resolves");
    let sa = sa.unwrap();
    Ok([sa.seq[0].top(), sa.seq[1].top()])
}

/// The reference `sa` is the live bundle `live` (spec, keys, sequence state).
fn check_ref(sa: &SaRef<'_>, live: &Live) -> Result<(), TestCaseError> {
    prop_assert_eq!(sa.handle(), live.handle);
    prop_assert_eq!(&sa.spec, &live.spec);
    prop_assert_eq!([sa.seq[0].high(), sa.seq[1].high()], live.high);
    Ok(())
}

/// Everything observable about the table agrees with the model.
fn check_all(table: &SaTable, model: &Model) -> Result<(), TestCaseError> {
    prop_assert_eq!(table.len(), model.live.len() as u32);
    prop_assert_eq!(table.is_empty(), model.live.is_empty());
    prop_assert_eq!(table.dying(), 0, "no SaRef is held");
    prop_assert_eq!(table.capacity(), model.capacity);

    let mut snapshot = table.snapshot();
    prop_assert_eq!(snapshot.len(), model.live.len());
    snapshot.sort_by_key(|e| e.handle);
    let mut expected: Vec<&Live> = model.live.iter().collect();
    expected.sort_by_key(|l| l.handle);
    for (got, want) in snapshot.iter().zip(expected) {
        prop_assert_eq!(got.handle, want.handle);
        prop_assert_eq!(&got.spec, &want.spec);
        prop_assert_eq!(got.seq_high, want.high);
        prop_assert_eq!(got.seq_top, want.top);
        prop_assert_eq!(got.counters, Default::default());
    }

    for live in &model.live {
        let sa = table.get(live.handle);
        prop_assert!(sa.is_some(), "live handle {:#x} resolves", live.handle);
        check_ref(&sa.unwrap(), live)?;
        let outbound = table.get_outbound(live.handle);
        prop_assert_eq!(
            outbound.is_some(),
            live.spec.direction == Direction::Outbound
        );
        prop_assert!(table.get(flipped(live.handle)).is_none());
        for (key, element) in inbound_keys(&live.spec) {
            let sa = table.find_inbound(&key);
            prop_assert!(sa.is_some(), "live inbound key {:?} resolves", key);
            let sa = sa.unwrap();
            prop_assert_eq!(sa.element_index(), element);
            check_ref(&sa, live)?;
        }
    }
    for &dead in &model.dead {
        prop_assert!(table.get(dead).is_none(), "stale handle {:#x}", dead);
        prop_assert!(
            model.entry(dead).is_none(),
            "a handle was given out twice: {:#x}",
            dead
        );
    }
    prop_assert_eq!(table.dying(), 0, "lookups dropped their references");
    Ok(())
}

fn step(table: &SaTable, model: &mut Model, op: &Op) -> Result<(), TestCaseError> {
    match op {
        Op::AddLike {
            base,
            flip_direction,
            udp,
            truncate,
        } => {
            if model.live.is_empty() {
                return Ok(());
            }
            let mut spec = model.live[base.index(model.live.len())].spec.clone();
            if *flip_direction {
                spec.direction = match spec.direction {
                    Direction::Inbound => Direction::Outbound,
                    Direction::Outbound => Direction::Inbound,
                };
            }
            if spec.udp_encapsulation.is_udp() {
                spec.udp_encapsulation = UDP[1 + udp % (UDP.len() - 1)];
            }
            if *truncate && spec.elements.len() == 2 {
                spec.elements.truncate_to_first();
            }
            step(table, model, &Op::Add(spec))?;
        }
        Op::Add(spec) => {
            let expected = model.add_outcome(spec);
            let got = table.add(spec.clone());
            match (expected, got) {
                (Ok(()), Ok(handle)) => {
                    prop_assert_ne!(handle, 0);
                    prop_assert!(model.entry(handle).is_none(), "handle reused while live");
                    prop_assert!(!model.dead.contains(&handle), "stale handle reissued");
                    model.record_add(handle, spec.clone(), tops(table, handle)?);
                }
                (Err(want), Err(got)) => prop_assert_eq!(want, got),
                (want, got) => prop_assert!(false, "add: model {:?}, table {:?}", want, got),
            }
        }
        Op::Delete(target) => {
            let handle = resolve(model, target);
            let want = model.delete(handle);
            prop_assert_eq!(table.delete(handle), want, "delete {:?}", target);
        }
        Op::UpdateEsn {
            target,
            element,
            spi,
            other_operation,
            high,
        } => {
            let handle = resolve(model, target);
            let (mut operation, mut element_spi) = (Operation::Esp, 1);
            if let Some(live) = model.entry(handle) {
                let elements: Vec<&ElementSpec> = live.spec.elements.iter().collect();
                let e = elements[element.index(elements.len())];
                (operation, element_spi) = (e.operation, e.spi);
            }
            if *other_operation {
                operation = match operation {
                    Operation::Ah => Operation::Esp,
                    Operation::Esp => Operation::Ah,
                };
            }
            let spi = spi.unwrap_or(element_spi);
            let want = model.update_esn(handle, operation, spi, *high);
            prop_assert_eq!(table.update_esn(handle, operation, spi, *high), want);
        }
        Op::Get(target) => {
            let handle = resolve(model, target);
            match (table.get(handle), model.entry(handle)) {
                (Some(sa), Some(live)) => check_ref(&sa, live)?,
                (None, None) => {}
                (got, _) => prop_assert!(false, "get({:?}): table found {}", target, got.is_some()),
            }
        }
        Op::GetOutbound(target) => {
            let handle = resolve(model, target);
            let want = model
                .entry(handle)
                .filter(|l| l.spec.direction == Direction::Outbound);
            match (table.get_outbound(handle), want) {
                (Some(sa), Some(live)) => check_ref(&sa, live)?,
                (None, None) => {}
                (got, _) => prop_assert!(
                    false,
                    "get_outbound({:?}): table found {}",
                    target,
                    got.is_some()
                ),
            }
        }
        Op::FindInbound {
            live_key,
            destination,
            spi,
            ah,
            udp,
        } => {
            let keys = model.keys();
            let mut key = match live_key {
                Some(i) if !keys.is_empty() => keys[i.index(keys.len())],
                _ => InboundKey {
                    spi: *spi,
                    destination: [0; 16],
                    protocol: if *ah { 51 } else { 50 },
                    udp: *udp,
                },
            };
            if let Some(d) = destination {
                key.destination = all_destinations()[*d];
            }
            let want = model.find_inbound(&key);
            match (table.find_inbound(&key), want) {
                (Some(sa), Some((handle, element))) => {
                    prop_assert_eq!(sa.element_index(), element);
                    check_ref(&sa, model.entry(handle).unwrap())?;
                }
                (None, None) => {}
                (got, want) => prop_assert!(
                    false,
                    "find_inbound({:?}): table {:?}, model {:?}",
                    key,
                    got.map(|sa| sa.handle()),
                    want
                ),
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        max_shrink_iters: 4096,
        // Failures print their minimal case; nothing is written into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn table_matches_model(
        capacity in 0u32..=10,
        ops in prop::collection::vec(op_strategy(), 1..80),
    ) {
        let table = SaTable::new(capacity, SEED).expect("table");
        let mut model = Model { capacity, ..Model::default() };
        for op in &ops {
            step(&table, &mut model, op)?;
            check_all(&table, &model)?;
        }
        // Emptying the table returns every slot: it can be filled to capacity again.
        prop_assert_eq!(table.clear(), model.live.len() as u32);
        prop_assert!(table.is_empty());
        for live in &model.live {
            prop_assert!(table.get(live.handle).is_none());
        }
        for i in 0..capacity {
            let spec = build::samples::esp_gcm128(Direction::Inbound, 0x1000 + i);
            prop_assert!(table.add(spec).is_ok(), "slot {} came back", i);
        }
        let spec = build::samples::esp_gcm128(Direction::Inbound, 0x9999);
        prop_assert_eq!(table.add(spec), Err(SaError::TableFull));
        prop_assert_eq!(table.dying(), 0);
    }

    #[test]
    fn held_reference_survives_delete(
        capacity in 1u32..=4,
        specs in prop::collection::vec(bundle_strategy(), 1..=4),
        victim in any::<Index>(),
        readers in 1usize..=3,
        by_key in any::<bool>(),
        fill in any::<bool>(),
        reuse_key in any::<bool>(),
        drop_order in Just(vec![0usize, 1, 2]).prop_shuffle(),
    ) {
        let table = SaTable::new(capacity, SEED).expect("table");
        // Distinct SPIs, so that every bundle can be added.
        let mut specs = specs;
        specs.truncate(capacity as usize);
        let mut handles = Vec::new();
        for (i, spec) in specs.iter_mut().enumerate() {
            for (j, element) in spec.elements.iter_mut().enumerate() {
                element.spi = 100 + 2 * i as u32 + j as u32;
            }
            handles.push(table.add(spec.clone()).expect("room and distinct keys"));
        }
        if fill {
            for i in specs.len() as u32..capacity {
                let spec = build::samples::esp_gcm128(Direction::Outbound, 0x7000 + i);
                handles.push(table.add(spec).expect("room"));
            }
        }
        let full = table.len() == capacity;
        let v = victim.index(specs.len());
        let (victim_handle, victim_spec) = (handles[v], specs[v].clone());
        let victim_keys = inbound_keys(&victim_spec);

        // Take the references: by inbound key when there is one, else by handle.
        let mut refs: Vec<Option<SaRef<'_>>> = Vec::new();
        for _ in 0..readers {
            let sa = match victim_keys.first() {
                Some((k, _)) if by_key => table.find_inbound(k),
                _ => table.get(victim_handle),
            };
            prop_assert!(sa.is_some());
            refs.push(sa);
        }

        prop_assert_eq!(table.delete(victim_handle), Ok(()));
        let live_after = handles.len() as u32 - 1;
        prop_assert_eq!(table.len(), live_after);
        prop_assert_eq!(table.dying(), 1);
        prop_assert!(table.get(victim_handle).is_none(), "deleted handle still resolves");
        for (k, _) in &victim_keys {
            prop_assert!(table.find_inbound(k).is_none(), "deleted key still found");
        }
        prop_assert_eq!(table.delete(victim_handle), Err(SaError::UnknownHandle));
        let first = victim_spec.elements.iter().next().unwrap();
        prop_assert_eq!(
            table.update_esn(victim_handle, first.operation, first.spi, 1),
            Err(SaError::UnknownHandle)
        );
        prop_assert!(table.snapshot().iter().all(|e| e.handle != victim_handle));

        // While held, the slot is not free.
        let mut replacement = None;
        if full {
            let spec = build::samples::esp_gcm128(Direction::Outbound, 0x8888);
            prop_assert_eq!(table.add(spec), Err(SaError::TableFull));
        } else if reuse_key {
            // The deleted bundle's keys are free for a new bundle at once; lookups find the
            // new one while the old one is still held.
            let handle = table.add(victim_spec.clone());
            prop_assert!(handle.is_ok(), "re-adding the deleted keys: {:?}", handle);
            let handle = handle.unwrap();
            prop_assert_ne!(handle, victim_handle);
            for (k, element) in &victim_keys {
                let sa = table.find_inbound(k).expect("new bundle found");
                prop_assert_eq!(sa.handle(), handle);
                prop_assert_eq!(sa.element_index(), *element);
            }
            replacement = Some(handle);
        }

        // Drop the references one by one; the entry stays intact until the last is gone.
        for (n, &which) in drop_order.iter().filter(|&&i| i < readers).enumerate() {
            for sa in refs.iter().flatten() {
                prop_assert_eq!(&sa.spec, &victim_spec, "held entry changed");
                prop_assert_eq!(sa.handle(), victim_handle);
                prop_assert_eq!(
                    key_bytes(&sa.spec),
                    key_bytes(&victim_spec),
                    "keys zeroed while held"
                );
            }
            prop_assert_eq!(table.dying(), 1, "reclaimed early (after {} drops)", n);
            refs[which] = None;
        }
        prop_assert_eq!(table.dying(), 0, "the last reference reclaims");
        prop_assert_eq!(
            table.len(),
            live_after + u32::from(replacement.is_some())
        );
        prop_assert!(table.get(victim_handle).is_none());

        // The slot is free exactly once: the table fills to capacity and no further.
        let mut added = 0;
        for i in 0..capacity {
            let spec = build::samples::esp_gcm128(Direction::Outbound, 0x9000 + i);
            match table.add(spec) {
                Ok(handle) => {
                    prop_assert_ne!(handle, victim_handle);
                    added += 1;
                }
                Err(e) => prop_assert_eq!(e, SaError::TableFull),
            }
        }
        prop_assert_eq!(table.len(), capacity);
        prop_assert_eq!(added, capacity - live_after - u32::from(replacement.is_some()));
        if full {
            // The only free slot was the victim's: reused with a new generation.
            let slot = codec().decode(victim_handle).unwrap().slot;
            let reused = table
                .snapshot()
                .into_iter()
                .find(|e| codec().decode(e.handle).unwrap().slot == slot);
            prop_assert!(reused.is_some());
            let fields = codec().decode(reused.unwrap().handle).unwrap();
            prop_assert_ne!(fields.generation, codec().decode(victim_handle).unwrap().generation);
        }
        prop_assert!(table.get(victim_handle).is_none());
        prop_assert_eq!(table.dying(), 0);
    }

    #[test]
    fn oid_layer_round_trips(
        capacity in 1u32..=6,
        specs in prop::collection::vec((bundle_strategy(), any::<bool>()), 1..10),
        update_high in any::<u32>(),
    ) {
        let offload = IpsecOffload::new(capacity, SEED, IpsecSetting::AhAndEsp).expect("offload");
        let mut model = Model { capacity, ..Model::default() };
        for (spec, ex) in &specs {
            let expected = model.add_outcome(spec);
            let (result, written) = if *ex {
                let mut buffer = build::add_sa_ex(spec);
                let result = offload.add_sa_ex(&mut buffer);
                let at = ADD_SA_EX_HANDLE_OFFSET;
                (result, u64::from_le_bytes(buffer[at..at + 8].try_into().unwrap()))
            } else {
                let mut buffer = build::add_sa(spec, 0);
                let result = offload.add_sa_element(&mut buffer);
                let at = ADD_SA_HANDLE_OFFSET;
                (result, u64::from_le_bytes(buffer[at..at + 8].try_into().unwrap()))
            };
            match (expected, result) {
                (Ok(()), Ok(handle)) => {
                    prop_assert_eq!(written, handle, "OffloadHandle written back");
                    model.record_add(handle, spec.clone(), tops(&offload.table, handle)?);
                }
                (Err(want), Err(got)) => {
                    prop_assert_eq!(want, got);
                    prop_assert_eq!(written, 0, "failed add leaves OffloadHandle NULL");
                }
                (want, got) => prop_assert!(false, "add: model {:?}, offload {:?}", want, got),
            }
            check_all(&offload.table, &model)?;
        }

        // UPDATE_SA through its encoded form, on every element.
        let handles: Vec<u64> = model.live.iter().map(|l| l.handle).collect();
        for handle in &handles {
            let elements: Vec<ElementSpec> =
                model.entry(*handle).unwrap().spec.elements.iter().cloned().collect();
            for e in elements {
                let buffer = build::update_sa(*handle, e.operation, e.spi, update_high);
                let want = model.update_esn(*handle, e.operation, e.spi, update_high);
                prop_assert_eq!(offload.update_sa(&buffer), want);
            }
        }
        check_all(&offload.table, &model)?;

        // DELETE_SA through its encoded form: each handle once, then again (idempotent).
        for handle in handles {
            let decoded = decode_delete_sa(&build::delete_sa(handle, 0)).expect("decodes");
            prop_assert_eq!(decoded.handle, handle);
            prop_assert_eq!(offload.delete(decoded.handle), Deleted::Bundle);
            prop_assert_eq!(offload.delete(decoded.handle), Deleted::Unknown);
            model.delete(handle).unwrap();
            check_all(&offload.table, &model)?;
        }
        prop_assert!(offload.table.is_empty());
        prop_assert_eq!(offload.delete(0), Deleted::Unknown);
    }
}

/// Every key of a bundle, in element order (integrity key, then confidentiality key).
fn key_bytes(spec: &BundleSpec) -> Vec<&[u8]> {
    spec.elements
        .iter()
        .flat_map(|e| {
            e.auth
                .iter()
                .map(|a| a.key.as_bytes())
                .chain(e.enc.iter().map(|c| c.key.as_bytes()))
        })
        .collect()
}
