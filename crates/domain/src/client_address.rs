//! Which address a request came from, and the key it is throttled under (ASVS 5.0 V15.3.4, V4.1.3).
//!
//! Behind proxies the client's address is the entry the *nearest trusted* proxy appended to
//! `X-Forwarded-For`: counted from the right, `trusted_hops` entries in. Everything to the left of it
//! was written by whoever sent the request and proves nothing. `Forwarded` is ignored: it is not
//! what the supported proxies set, and a client could add one of its own.

use std::net::{IpAddr, Ipv6Addr};

/// The client's address: `trusted_hops == 0` means no proxy is trusted and the peer is the client.
/// With fewer entries than trusted hops (the request did not come through every proxy) the peer's
/// address is used, never an entry the client wrote.
pub fn resolve(peer: Option<IpAddr>, forwarded_for: &[&str], trusted_hops: usize) -> Option<IpAddr> {
    if trusted_hops == 0 {
        return peer;
    }
    let entries: Vec<&str> =
        forwarded_for.iter().flat_map(|v| v.split(',')).map(str::trim).filter(|e| !e.is_empty()).collect();
    if entries.len() < trusted_hops {
        return peer;
    }
    parse_entry(entries[entries.len() - trusted_hops]).or(peer)
}

/// A bare address, or one with a port (`203.0.113.7:4711`, `[2001:db8::1]:443`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry.parse::<IpAddr>().ok().or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|s| s.ip())).map(|ip| {
        match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        }
    })
}

/// The throttling key of an address: IPv4 as is, IPv6 by its /64 (one subscriber usually holds a
/// whole /64, so keying single IPv6 addresses would give an attacker 2^64 fresh keys).
pub fn throttle_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{}/64", Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_headers_say() {
        assert_eq!(resolve(Some(ip("10.0.0.5")), &["198.51.100.1"], 0), Some(ip("10.0.0.5")));
    }

    #[test]
    fn one_trusted_hop_takes_the_right_most_entry_not_the_left_most_the_client_wrote() {
        let xff = ["6.6.6.6, 203.0.113.7"];
        assert_eq!(resolve(Some(ip("10.0.0.5")), &xff, 1), Some(ip("203.0.113.7")));
    }

    #[test]
    fn several_headers_are_one_list_and_two_hops_skip_the_inner_proxy() {
        let xff = ["6.6.6.6", "203.0.113.7, 192.0.2.10"];
        assert_eq!(resolve(Some(ip("10.0.0.5")), &xff, 2), Some(ip("203.0.113.7")));
    }

    #[test]
    fn too_few_entries_or_garbage_fall_back_to_the_peer() {
        assert_eq!(resolve(Some(ip("10.0.0.5")), &[], 1), Some(ip("10.0.0.5")));
        assert_eq!(resolve(Some(ip("10.0.0.5")), &["203.0.113.7"], 2), Some(ip("10.0.0.5")));
        assert_eq!(resolve(Some(ip("10.0.0.5")), &["not-an-address"], 1), Some(ip("10.0.0.5")));
    }

    #[test]
    fn ports_and_brackets_and_mapped_addresses_are_understood() {
        assert_eq!(resolve(None, &["203.0.113.7:4711"], 1), Some(ip("203.0.113.7")));
        assert_eq!(resolve(None, &["[2001:db8::1]:443"], 1), Some(ip("2001:db8::1")));
        assert_eq!(resolve(None, &["::ffff:203.0.113.7"], 1), Some(ip("203.0.113.7")));
    }

    #[test]
    fn ipv6_is_keyed_by_its_64_and_ipv4_by_itself() {
        assert_eq!(throttle_key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(throttle_key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")), "2001:db8:1:2::/64");
        assert_ne!(throttle_key(ip("2001:db8:1:3::1")), throttle_key(ip("2001:db8:1:2::1")));
        assert_eq!(throttle_key(ip("203.0.113.7")), "203.0.113.7");
    }
}
