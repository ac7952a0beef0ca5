#!/usr/bin/env bash
# make-captures.sh - regenerate the live tcpdump corpus of test/captures.
#
# Derived from ../shared/conformance/tcpdump-live/make-captures.sh.  Builds a
# throw-away, Cilium-like topology out of private network namespaces (two
# "nodes", one "pod" behind each, VXLAN on UDP 8472 and 4789 and Geneve on UDP
# 6081 between the nodes over an IPv4 and over an IPv6 underlay, an 802.1Q
# trunk, and a client - router - server chain with a smaller MTU behind the
# router), generates traffic (ARP, ICMP/ICMPv6 echo, neighbour discovery,
# TCP + HTTP GET, DNS over UDP, TCP RST, ICMP/ICMPv6 errors, IPv4 fragments),
# captures it live with every tcpdump flag set the parser must read and
# writes, into corpus/ beside this script:
#   <name>.txt          tcpdump's printed text (stdout only), exactly as captured
#   <name>.pcap         the same packets (tcpdump -w ... --print)
#   <name>.expect.json  per-packet ground truth decoded from the .pcap bytes
#   captures.tsv        one row per capture (namespace, interface, options, ...)
#   topology.json       namespaces, interfaces, ifindexes, MACs, addresses
#
# Requirements: root, Linux with netns + veth + vxlan + tun, and the Debian
# packages tcpdump iproute2 iputils-ping curl socat python3.  Geneve and the
# VLAN sub-interfaces are user-space TAP helpers (tools/) where the kernel
# lacks geneve / 8021q.
# Safety: every address used lives inside the tdc-* namespaces created here;
# nothing is routed to the host or beyond.  All namespaces are deleted on exit.
# Time-boxed: the whole run is limited to 600 s, every helper to <= 90 s.
#
# Usage:  sudo ./make-captures.sh          (re-runnable; replaces old outputs)
#         sudo TDC_ONLY="names" ./make-captures.sh
#                                           (only the scenarios named; the other
#                                           captures and their rows are kept)
# Every capture also runs with -l (line buffered) and writes its pcap with
# -w ... --print; captures.tsv holds the exact options of each.
set -euo pipefail

cd "$(dirname "$0")"

if [[ -z "${TDC_TIMEBOXED:-}" ]]; then
    export TDC_TIMEBOXED=1
    exec timeout --foreground -k 10 600 bash "$0" "$@"
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "make-captures.sh: must run as root (network namespaces)" >&2
    exit 1
fi
for t in tcpdump ip ping curl socat python3 timeout; do
    command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 1; }
done

export TZ=UTC LC_ALL=C

N1=tdc-node1 N2=tdc-node2 P1=tdc-pod1 P2=tdc-pod2
CL=tdc-client RT=tdc-router SV=tdc-server
ALL_NS=("$N1" "$N2" "$P1" "$P2" "$CL" "$RT" "$SV")
OUT=corpus
TOOLS=$PWD/tools
LXC1=lxc8a2f1b7c9d3e     # host side of pod1's veth (Cilium style name)
LXC2=lxc5e4d3c2b1a09     # host side of pod2's veth
WORK=$(mktemp -d)
# node1's own /etc/hosts, /etc/services and nsswitch.conf while the names scenario
# runs ("ip netns exec" bind-mounts /etc/netns/<netns>/* over /etc)
NAMES_ETC=/etc/netns/$N1
ONLY=${TDC_ONLY:-}
# scenario NAME: whether this run makes the captures of scenario NAME
scenario() { [[ -z $ONLY || " $ONLY " == *" $1 "* ]]; }
HELPER_PIDS=()
CAP_PIDS=()
CAP_NAMES=()

ns() { local n=$1; shift; ip netns exec "$n" "$@"; }
# Background jobs are started with a plain "ip netns exec" (not through a shell
# function) so that $! is the PID of the real process (ip execs the command).
start_helper() {
    local n=$1; shift
    ip netns exec "$n" "$@" >/dev/null 2>&1 &
    HELPER_PIDS+=($!)
}

remove_namespaces() {
    local n p
    for n in "${ALL_NS[@]}"; do
        if ip netns list | grep -qw -- "$n"; then
            # processes left in a namespace of ours by an earlier run of this script
            for p in $(ip netns pids "$n" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
            ip netns del "$n" 2>/dev/null || true
        fi
    done
}

cleanup() {
    set +e
    local p
    for p in "${CAP_PIDS[@]}" "${HELPER_PIDS[@]}"; do kill "$p" 2>/dev/null; done
    sleep 0.5
    for p in "${CAP_PIDS[@]}" "${HELPER_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
    wait 2>/dev/null
    remove_namespaces
    rm -rf "$WORK" "$NAMES_ETC"
    rmdir /etc/netns 2>/dev/null    # when the names scenario made it (only ever empty here)
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ outputs
remove_namespaces
mkdir -p "$OUT"
if [[ -z $ONLY ]]; then
    rm -f -- "$OUT"/*.txt "$OUT"/*.pcap "$OUT"/*.expect.json "$OUT"/*.hosts "$OUT"/*.services \
        "$OUT"/captures.tsv "$OUT"/topology.json
    printf 'name\tscenario\tnetns\tinterface\toptions\tfilter\tcommand\tdescription\n' > "$OUT/captures.tsv"
else
    for s in $ONLY; do rm -f -- "$OUT/$s"-*.txt "$OUT/$s"-*.pcap "$OUT/$s"-*.expect.json "$OUT/$s".hosts "$OUT/$s".services; done
    awk -F'\t' -v only=" $ONLY " 'NR == 1 || index(only, " " $2 " ") == 0' "$OUT/captures.tsv" > "$WORK/captures.tsv"
    cp "$WORK/captures.tsv" "$OUT/captures.tsv"
fi

# ----------------------------------------------------------------- topology
for n in "${ALL_NS[@]}"; do
    ip netns add "$n"
    # quiet IPv6 (no RS, no DAD) and IPv6 only where we ask for it (underlay)
    ns "$n" sysctl -q -w net.ipv6.conf.all.router_solicitations=0 \
        net.ipv6.conf.default.router_solicitations=0 \
        net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
        net.ipv6.conf.all.dad_transmits=0 net.ipv6.conf.default.dad_transmits=0 \
        net.ipv6.conf.default.disable_ipv6=1
    ns "$n" ip link set lo up
done
for n in "$N1" "$N2"; do
    ns "$n" sysctl -q -w net.ipv4.ip_forward=1
done

# underlay: node1 eth0 <-> node2 eth0  (kind-like 172.18.0.0/24 + ULA IPv6)
ip -n "$N1" link add eth0 address 02:42:ac:12:00:02 type veth \
    peer name eth0 address 02:42:ac:12:00:03 netns "$N2"
for pair in "$N1 2" "$N2 3"; do
    set -- $pair
    ns "$1" sysctl -q -w net.ipv6.conf.eth0.disable_ipv6=0
    ip -n "$1" addr add "172.18.0.$2/24" dev eth0
    ip -n "$1" addr add "fd00:18::$2/64" dev eth0 nodad
    ip -n "$1" link set eth0 up
done

# pods: pod eth0 <-> lxc* on the node, pod MTU 1450 as Cilium sets for tunnels
ip -n "$P1" link add eth0 address 0a:58:0a:f4:01:0a mtu 1450 type veth \
    peer name "$LXC1" address 9e:3c:51:a7:20:11 netns "$N1"
ip -n "$P2" link add eth0 address 0a:58:0a:f4:02:14 mtu 1450 type veth \
    peer name "$LXC2" address 9e:3c:51:a7:20:22 netns "$N2"
ip -n "$P1" addr add 10.244.1.10/24 dev eth0
ip -n "$P2" addr add 10.244.2.20/24 dev eth0
ip -n "$N1" addr add 10.244.1.1/24 dev "$LXC1"
ip -n "$N2" addr add 10.244.2.1/24 dev "$LXC2"
ip -n "$P1" link set eth0 up
ip -n "$P2" link set eth0 up
ip -n "$N1" link set "$LXC1" up
ip -n "$N2" link set "$LXC2" up
ip -n "$P1" route add default via 10.244.1.1
ip -n "$P2" route add default via 10.244.2.1

# VXLAN: id 42, UDP 8472 (Linux / Cilium default), MTU 1450
ip -n "$N1" link add vx0 address 02:00:00:00:42:01 mtu 1450 type vxlan \
    id 42 dstport 8472 local 172.18.0.2 remote 172.18.0.3 dev eth0
ip -n "$N2" link add vx0 address 02:00:00:00:42:02 mtu 1450 type vxlan \
    id 42 dstport 8472 local 172.18.0.3 remote 172.18.0.2 dev eth0
ip -n "$N1" addr add 10.10.0.1/24 dev vx0
ip -n "$N2" addr add 10.10.0.2/24 dev vx0
ip -n "$N1" link set vx0 up
ip -n "$N2" link set vx0 up

# second VXLAN link on the IANA port 4789 (VNI 12345), which every tcpdump
# version decodes as VXLAN (4.99.3 prints UDP 8472 as "OTV")
ip -n "$N1" link add vx1 address 02:00:00:00:47:01 mtu 1450 type vxlan \
    id 12345 dstport 4789 local 172.18.0.2 remote 172.18.0.3 dev eth0
ip -n "$N2" link add vx1 address 02:00:00:00:47:02 mtu 1450 type vxlan \
    id 12345 dstport 4789 local 172.18.0.3 remote 172.18.0.2 dev eth0
ip -n "$N1" addr add 10.30.0.1/24 dev vx1
ip -n "$N2" addr add 10.30.0.2/24 dev vx1
ip -n "$N1" link set vx1 up
ip -n "$N2" link set vx1 up

# Geneve: VNI 12345, UDP 6081, MTU 1450.  The kernel geneve driver is used when
# available; otherwise "$TOOLS/geneve_tap.py" provides the same wire format over
# a TAP device (same name, address and MTU).
GENEVE_IMPL=kernel
if ! ip -n "$N1" link add gn0 address 02:00:00:00:60:01 mtu 1450 type geneve \
        id 12345 remote 172.18.0.3 dstport 6081 2>/dev/null; then
    GENEVE_IMPL=userspace-tap
fi
if [[ $GENEVE_IMPL == kernel ]]; then
    ip -n "$N2" link add gn0 address 02:00:00:00:60:02 mtu 1450 type geneve \
        id 12345 remote 172.18.0.2 dstport 6081
else
    for pair in "$N1 1 2" "$N2 2 1"; do
        set -- $pair
        ip -n "$1" tuntap add dev gn0 mode tap
        ip -n "$1" link set gn0 address "02:00:00:00:60:0$2" mtu 1450
        start_helper "$1" timeout 560 python3 "$TOOLS/geneve_tap.py" --dev gn0 \
            --local "172.18.0.$(( $2 + 1 ))" --remote "172.18.0.$(( $3 + 1 ))" \
            --vni 12345 --lifetime 550
    done
fi
ip -n "$N1" addr add 10.20.0.1/24 dev gn0
ip -n "$N2" addr add 10.20.0.2/24 dev gn0
ip -n "$N1" link set gn0 up
ip -n "$N2" link set gn0 up

# VXLAN over the IPv6 underlay: VNI 4242, UDP 8472 (Cilium with an IPv6 underlay)
ip -n "$N1" link add vx6 address 02:00:00:00:66:01 mtu 1430 type vxlan \
    id 4242 dstport 8472 local fd00:18::2 remote fd00:18::3 dev eth0
ip -n "$N2" link add vx6 address 02:00:00:00:66:02 mtu 1430 type vxlan \
    id 4242 dstport 8472 local fd00:18::3 remote fd00:18::2 dev eth0
ip -n "$N1" addr add 10.60.0.1/24 dev vx6
ip -n "$N2" addr add 10.60.0.2/24 dev vx6
ip -n "$N1" link set vx6 up
ip -n "$N2" link set vx6 up

# Geneve over the IPv6 underlay, VNI 777, one TLV option (class 0x0128, as
# Cilium's DSR option), always the user-space endpoint (the kernel driver
# cannot add options)
for pair in "$N1 2 3" "$N2 3 2"; do
    set -- $pair
    ip -n "$1" tuntap add dev gn6 mode tap
    ip -n "$1" link set gn6 address "02:00:00:00:66:1$2" mtu 1400
    start_helper "$1" timeout 560 python3 "$TOOLS/geneve_tap.py" --dev gn6 \
        --local "fd00:18::$2" --remote "fd00:18::$3" --vni 777 \
        --option 0128:01:0af4021400500000 --lifetime 550
done
ip -n "$N1" addr add 10.70.0.1/24 dev gn6
ip -n "$N2" addr add 10.70.0.2/24 dev gn6
ip -n "$N1" link set gn6 up
ip -n "$N2" link set gn6 up

# 802.1Q trunk between the nodes (eth1), VLAN 100 on a TAP "sub-interface";
# node1 tags with priority 0, node2 with priority 5
ip -n "$N1" link add eth1 address 02:42:ac:13:00:02 type veth \
    peer name eth1 address 02:42:ac:13:00:03 netns "$N2"
for pair in "$N1 1 0" "$N2 2 5"; do
    set -- $pair
    ip -n "$1" link set eth1 up
    ip -n "$1" tuntap add dev vlan100 mode tap
    ip -n "$1" link set vlan100 address "02:00:00:01:00:0$2" mtu 1496
    start_helper "$1" timeout 560 python3 "$TOOLS/vlan_tap.py" --dev vlan100 --trunk eth1 \
        --vid 100 --pcp "$3" --lifetime 550
    ip -n "$1" addr add "10.100.0.$2/24" dev vlan100
    ip -n "$1" link set vlan100 up
done

# client - router - server: a routed hop, MTU 1280 behind the router
ip -n "$CL" link add eth0 address 0e:00:00:50:01:02 type veth \
    peer name eth0 address 0e:00:00:50:01:01 netns "$RT"
ip -n "$SV" link add eth0 address 0e:00:00:50:02:02 mtu 1280 type veth \
    peer name eth1 address 0e:00:00:50:02:01 mtu 1280 netns "$RT"
ns "$RT" sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
for ifc in "$CL eth0 10.50.1.2/24 fd00:50:1::2/64" "$RT eth0 10.50.1.1/24 fd00:50:1::1/64" \
           "$RT eth1 10.50.2.1/24 fd00:50:2::1/64" "$SV eth0 10.50.2.2/24 fd00:50:2::2/64"; do
    set -- $ifc
    ns "$1" sysctl -q -w "net.ipv6.conf.$2.disable_ipv6=0"
    ip -n "$1" addr add "$3" dev "$2"
    ip -n "$1" addr add "$4" dev "$2" nodad
    ip -n "$1" link set "$2" up
done
ip -n "$CL" route add default via 10.50.1.1
ip -n "$CL" -6 route add default via fd00:50:1::1
ip -n "$SV" route add default via 10.50.2.1
ip -n "$SV" -6 route add default via fd00:50:2::1

# pod CIDR routes go over VXLAN first (switched to the other tunnels later)
ip -n "$N1" route add 10.244.2.0/24 via 10.10.0.2 dev vx0
ip -n "$N2" route add 10.244.1.0/24 via 10.10.0.1 dev vx0

# ------------------------------------------------------------------ servers
mkdir -p "$WORK/www"
printf '<html><body>hello from the conformance capture</body></html>\n' > "$WORK/www/index.html"
# "web" + "coredns" in pod2; the same on node2 (underlay, VLAN) and the server
start_helper "$P2" timeout 560 python3 -m http.server 80 --bind 0.0.0.0 --directory "$WORK/www"
start_helper "$P2" timeout 560 python3 "$TOOLS/dns_server.py" --bind 0.0.0.0 --lifetime 550
start_helper "$N2" timeout 560 python3 -m http.server 80 --bind :: --directory "$WORK/www"
start_helper "$N2" timeout 560 python3 "$TOOLS/dns_server.py" --bind 0.0.0.0 --lifetime 550
start_helper "$SV" timeout 560 python3 -m http.server 80 --bind :: --directory "$WORK/www"
start_helper "$SV" timeout 560 python3 "$TOOLS/dns_server.py" --bind 0.0.0.0 --lifetime 550

# wait for the listeners
for i in $(seq 1 50); do
    if ns "$P2" bash -c 'exec 3<>/dev/tcp/10.244.2.20/80' 2>/dev/null &&
       ns "$N2" bash -c 'exec 3<>/dev/tcp/172.18.0.3/80' 2>/dev/null &&
       ns "$SV" bash -c 'exec 3<>/dev/tcp/10.50.2.2/80' 2>/dev/null; then
        break
    fi
    sleep 0.1
done
sleep 2   # let interface bring-up chatter (IPv6 MLD) die down before capturing

# ---------------------------------------------------------------- captures
TDV=$(tcpdump --version 2>&1 | sed -n 's/^tcpdump version //p')
PCV=$(tcpdump --version 2>&1 | sed -n 's/^libpcap version \([^ ]*\).*/\1/p')

# cap NAME SCENARIO NETNS IFACE "OPTIONS" "FILTER" "DESCRIPTION"
cap() {
    local name=$1 scen=$2 netns=$3 ifc=$4 opts=$5 filt=$6 desc=$7
    # shellcheck disable=SC2086
    ip netns exec "$netns" timeout -s INT 90 tcpdump -i "$ifc" $opts --immediate-mode -B 32768 -U -l \
        -w "$OUT/$name.pcap" --print $filt > "$OUT/$name.txt" 2> "$WORK/$name.err" &
    CAP_PIDS+=($!)
    CAP_NAMES+=("$name")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$scen" "$netns" "$ifc" "$opts" \
        "$filt" "tcpdump -i $ifc $opts${filt:+ $filt}" "$desc" >> "$OUT/captures.tsv"
}

wait_ready() {
    local n i
    for n in "${CAP_NAMES[@]}"; do
        for i in $(seq 1 100); do
            grep -q 'listening on' "$WORK/$n.err" 2>/dev/null && break
            sleep 0.05
        done
    done
    sleep 0.5
}

stop_caps() {
    local p
    sleep 1.5
    for p in "${CAP_PIDS[@]}"; do kill -INT "$p" 2>/dev/null || true; done
    for p in "${CAP_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    for p in "${CAP_NAMES[@]}"; do
        grep -q '^0 packets dropped by kernel' "$WORK/$p.err" ||
            echo "warning: $p: $(grep 'dropped by kernel' "$WORK/$p.err")" >&2
    done
    CAP_PIDS=()
    CAP_NAMES=()
}

flush_neigh() {
    local n
    for n in "${ALL_NS[@]}"; do ip -n "$n" neigh flush all; done
}

# pod-to-pod traffic (run in pod1), used for every tunnel scenario
pod_traffic() {
    ns "$P1" ping -c 3 -i 0.2 -W 1 10.244.2.20 >/dev/null
    sleep 0.2
    ns "$P1" curl -s -o /dev/null --max-time 3 http://10.244.2.20/
    sleep 0.3
    ns "$P1" python3 "$TOOLS/dns_query.py" 10.244.2.20 \
        kubernetes.default.svc.cluster.local:A web.default.svc.cluster.local:AAAA \
        nosuch.default.svc.cluster.local:A >/dev/null
    sleep 0.2
    ns "$P1" curl -s -o /dev/null --max-time 2 http://10.244.2.20:81/ || true
    sleep 0.2
    printf 'probe\n' | ns "$P1" socat -u - UDP4-SENDTO:10.244.2.20:9999 || true
}

# node-to-node traffic from node1 to $1 (an address of node2)
node_traffic() {
    ns "$N1" ping -c 3 -i 0.2 -W 1 "$1" >/dev/null
    sleep 0.2
    ns "$N1" curl -s -o /dev/null --max-time 3 "http://$1/"
    sleep 0.3
    ns "$N1" python3 "$TOOLS/dns_query.py" "$1" \
        kubernetes.default.svc.cluster.local:A web.default.svc.cluster.local:AAAA \
        nosuch.default.svc.cluster.local:A >/dev/null
    sleep 0.2
    ns "$N1" curl -s -o /dev/null --max-time 2 "http://$1:81/" || true
    sleep 0.2
    printf 'probe\n' | ns "$N1" socat -u - "UDP4-SENDTO:$1:9999" || true
}

# ---- scenario 1: underlay, node1 <-> node2 directly on eth0 ---------------
if scenario underlay; then
S=underlay
D1="node1 eth0, no tunnel: ARP, ICMP echo (also fragmented), ICMPv6 ND + echo, HTTP over IPv4 and IPv6, DNS A/AAAA/NXDOMAIN, TCP RST, ICMP and ICMPv6 port unreachable"
cap underlay-n          $S "$N1" eth0 "-n"          "" "$D1; a single -n prints numbers for ports too (4.9 - 5.x)"
cap underlay-nn         $S "$N1" eth0 "-nn"         "" "$D1"
cap underlay-nn-e       $S "$N1" eth0 "-nn -e"      "" "$D1; with link-level header"
cap underlay-nn-v       $S "$N1" eth0 "-nn -v"      "" "$D1; -v two-line IP form"
cap underlay-nn-vv-e    $S "$N1" eth0 "-nn -vv -e"  "" "$D1; -vv with link-level header"
cap underlay-nn-vvv-e   $S "$N1" eth0 "-nn -vvv -e" "" "$D1; -vvv with link-level header"
cap underlay-t-nn       $S "$N1" eth0 "-t -nn"      "" "$D1; no time stamps"
cap underlay-tt-nn      $S "$N1" eth0 "-tt -nn"     "" "$D1; epoch time stamps"
cap underlay-ttt-nn     $S "$N1" eth0 "-ttt -nn"    "" "$D1; delta to the previous packet"
cap underlay-tttt-nn    $S "$N1" eth0 "-tttt -nn"   "" "$D1; date + time stamps"
cap underlay-ttttt-nn-v $S "$N1" eth0 "-ttttt -nn -v" "" "$D1; delta to the first packet, -v"
cap underlay-q-nn       $S "$N1" eth0 "-q -nn"      "" "$D1; quiet"
cap underlay-q-nn-e     $S "$N1" eth0 "-q -nn -e"   "" "$D1; quiet with link-level header"
cap underlay-S-nn-v     $S "$N1" eth0 "-S -nn -v"   "" "$D1; absolute TCP sequence numbers"
cap underlay-A-nn       $S "$N1" eth0 "-A -nn"      "" "$D1; payload in ASCII"
cap underlay-x-nn       $S "$N1" eth0 "-x -nn"      "" "$D1; hex without link header"
cap underlay-xx-nn-e    $S "$N1" eth0 "-xx -nn -e"  "" "$D1; hex with link header"
cap underlay-X-nn-v     $S "$N1" eth0 "-X -nn -v"   "" "$D1; hex and ASCII without link header"
cap underlay-XX-nn      $S "$N1" eth0 "-XX -nn"     "" "$D1; hex and ASCII with link header"
cap underlay-any-nn-e   $S "$N1" any  "-nn -e"      "" "$D1; -i any (LINUX_SLL2: ifname + In/Out + ifindex)"
cap underlay-any-q-nn   $S "$N1" any  "-q -nn"      "" "$D1; -i any quiet"
cap underlay-sll-nn-e   $S "$N1" any  "-nn -e -y LINUX_SLL" "" "$D1; -i any as LINUX_SLL (v1): direction + address"
cap underlay-sll-nn-v   $S "$N1" any  "-nn -v -y LINUX_SLL" "" "$D1; -i any as LINUX_SLL (v1) without -e"
wait_ready
flush_neigh
ns "$N1" ping -c 3 -i 0.2 -W 1 172.18.0.3 >/dev/null
sleep 0.2
ns "$N1" ping -c 1 -s 2000 -W 1 172.18.0.3 >/dev/null
sleep 0.2
ns "$N1" ping -6 -c 2 -i 0.2 -W 1 fd00:18::3 >/dev/null
sleep 0.2
ns "$N1" curl -s -o /dev/null --max-time 3 http://172.18.0.3/
sleep 0.3
ns "$N1" curl -6 -s -o /dev/null --max-time 3 'http://[fd00:18::3]/'
sleep 0.3
ns "$N1" python3 "$TOOLS/dns_query.py" 172.18.0.3 \
    kubernetes.default.svc.cluster.local:A web.default.svc.cluster.local:AAAA \
    nosuch.default.svc.cluster.local:A >/dev/null
sleep 0.2
ns "$N1" curl -s -o /dev/null --max-time 2 http://172.18.0.3:81/ || true
sleep 0.2
printf 'probe\n' | ns "$N1" socat -u - UDP4-SENDTO:172.18.0.3:9999 || true
sleep 0.2
printf 'probe6\n' | ns "$N1" socat -u - 'UDP6-SENDTO:[fd00:18::3]:9999' || true
stop_caps
fi

# ---- scenario 2: pod1 -> pod2 over VXLAN (UDP 8472, VNI 42) ----------------
if scenario vxlan; then
S=vxlan
D2="pod1 10.244.1.10 -> pod2 10.244.2.20 via vx0 (VXLAN VNI 42, UDP 8472): ARP, ICMP echo, HTTP, DNS, TCP RST, ICMP port unreachable"
cap vxlan-eth0-n           $S "$N1" eth0 "-n"          ""               "$D2; underlay (encapsulated); tcpdump 4.99.3 labels UDP 8472 as OTV"
cap vxlan-eth0-nn-e        $S "$N1" eth0 "-nn -e"      ""               "$D2; underlay with outer and inner MACs"
cap vxlan-eth0-nn-v        $S "$N1" eth0 "-nn -v"      ""               "$D2; underlay -v"
cap vxlan-eth0-nn-vv-e     $S "$N1" eth0 "-nn -vv -e"  ""               "$D2; underlay -vv -e"
cap vxlan-eth0-nn-e-Tvxlan $S "$N1" eth0 "-nn -e -T vxlan" "udp port 8472" "$D2; underlay forced to the VXLAN printer with -T vxlan"
cap vxlan-eth0-t-nn-e      $S "$N1" eth0 "-t -nn -e"   ""               "$D2; underlay, no time stamps"
cap vxlan-eth0-q-nn        $S "$N1" eth0 "-q -nn"      ""               "$D2; underlay, quiet"
cap vxlan-eth0-S-nn        $S "$N1" eth0 "-S -nn"      ""               "$D2; underlay, absolute sequence numbers on the inner frames"
cap vxlan-eth0-X-nn        $S "$N1" eth0 "-X -nn"      ""               "$D2; underlay, hex and ASCII"
cap vxlan-vx0-nn-e         $S "$N1" vx0  "-nn -e"      ""               "$D2; inner packets on the tunnel device"
cap vxlan-vx0-nn-v         $S "$N1" vx0  "-nn -v"      ""               "$D2; inner packets on the tunnel device, -v"
cap vxlan-vx0-A-nn         $S "$N1" vx0  "-A -nn"      ""               "$D2; inner packets on the tunnel device, ASCII"
cap vxlan-lxc-tttt-nn      $S "$N1" "$LXC1" "-tttt -nn" ""              "$D2; pod1's host-side veth"
cap vxlan-any-nn-e         $S "$N1" any  "-nn -e"      ""               "$D2; -i any: each packet on lxc, vx0 and (encapsulated) eth0"
cap vxlan-any-nn           $S "$N1" any  "-nn"         ""               "$D2; -i any without -e"
cap vxlan-any-nn-v         $S "$N1" any  "-nn -v"      ""               "$D2; -i any -v"
wait_ready
flush_neigh
pod_traffic
stop_caps
fi

# ---- scenario 3: pod1 -> pod2 over VXLAN on UDP 4789 (VNI 12345) -----------
if scenario vxlan4789; then
ip -n "$N1" route replace 10.244.2.0/24 via 10.30.0.2 dev vx1
ip -n "$N2" route replace 10.244.1.0/24 via 10.30.0.1 dev vx1
S=vxlan4789
D4="pod1 10.244.1.10 -> pod2 10.244.2.20 via vx1 (VXLAN VNI 12345, UDP 4789): ARP, ICMP echo, HTTP, DNS, TCP RST, ICMP port unreachable"
cap vxlan4789-eth0-nn       $S "$N1" eth0 "-nn"        "" "$D4; underlay, native VXLAN decode, inner frame without MACs"
cap vxlan4789-eth0-nn-e     $S "$N1" eth0 "-nn -e"     "" "$D4; underlay with outer and inner MACs"
cap vxlan4789-eth0-nn-v     $S "$N1" eth0 "-nn -v"     "" "$D4; underlay -v"
cap vxlan4789-eth0-S-nn-v   $S "$N1" eth0 "-S -nn -v"  "" "$D4; underlay -v, absolute sequence numbers"
cap vxlan4789-eth0-q-nn-e   $S "$N1" eth0 "-q -nn -e"  "" "$D4; underlay, quiet with link-level header"
cap vxlan4789-any-nn-e      $S "$N1" any  "-nn -e"     "" "$D4; -i any: each packet on lxc, vx1 and (encapsulated) eth0"
wait_ready
flush_neigh
pod_traffic
stop_caps
fi

# ---- scenario 4: pod1 -> pod2 over Geneve (UDP 6081, VNI 12345) ------------
if scenario geneve; then
ip -n "$N1" route replace 10.244.2.0/24 via 10.20.0.2 dev gn0
ip -n "$N2" route replace 10.244.1.0/24 via 10.20.0.1 dev gn0
S=geneve
D3="pod1 10.244.1.10 -> pod2 10.244.2.20 via gn0 (Geneve VNI 12345, UDP 6081, no options): ARP, ICMP echo, HTTP, DNS, TCP RST, ICMP port unreachable"
cap geneve-eth0-n        $S "$N1" eth0 "-n"          "" "$D3; underlay (encapsulated)"
cap geneve-eth0-nn-e     $S "$N1" eth0 "-nn -e"      "" "$D3; underlay with outer and inner MACs"
cap geneve-eth0-nn-v     $S "$N1" eth0 "-nn -v"      "" "$D3; underlay -v"
cap geneve-eth0-nn-vv-e  $S "$N1" eth0 "-nn -vv -e"  "" "$D3; underlay -vv -e"
cap geneve-eth0-ttt-nn-v $S "$N1" eth0 "-ttt -nn -v" "" "$D3; underlay -v, delta time stamps"
cap geneve-eth0-q-nn     $S "$N1" eth0 "-q -nn"      "" "$D3; underlay, quiet"
cap geneve-eth0-S-nn-e   $S "$N1" eth0 "-S -nn -e"   "" "$D3; underlay, absolute sequence numbers on the inner frames"
cap geneve-gn0-nn-e      $S "$N1" gn0  "-nn -e"      "" "$D3; inner packets on the tunnel device"
cap geneve-gn0-nn-v      $S "$N1" gn0  "-nn -v"      "" "$D3; inner packets on the tunnel device, -v"
cap geneve-gn0-x-nn      $S "$N1" gn0  "-x -nn"      "" "$D3; inner packets on the tunnel device, hex"
cap geneve-any-nn-e      $S "$N1" any  "-nn -e"      "" "$D3; -i any: each packet on lxc, gn0 and (encapsulated) eth0"
cap geneve-any-nn        $S "$N1" any  "-nn"         "" "$D3; -i any without -e"
wait_ready
flush_neigh
pod_traffic
stop_caps
fi

# ---- scenario 5: pod1 -> pod2 over VXLAN on the IPv6 underlay ---------------
if scenario vxlan6; then
ip -n "$N1" route replace 10.244.2.0/24 via 10.60.0.2 dev vx6
ip -n "$N2" route replace 10.244.1.0/24 via 10.60.0.1 dev vx6
S=vxlan6
D5="pod1 10.244.1.10 -> pod2 10.244.2.20 via vx6 (VXLAN VNI 4242, UDP 8472, IPv6 underlay fd00:18::/64): ARP, ICMP echo, HTTP, DNS, TCP RST, ICMP port unreachable"
cap vxlan6-eth0-nn         $S "$N1" eth0 "-nn"          "" "$D5; underlay"
cap vxlan6-eth0-nn-e       $S "$N1" eth0 "-nn -e"       "" "$D5; underlay with outer and inner MACs"
cap vxlan6-eth0-nn-v       $S "$N1" eth0 "-nn -v"       "" "$D5; underlay -v"
cap vxlan6-eth0-nn-vv-e    $S "$N1" eth0 "-nn -vv -e"   "" "$D5; underlay -vv -e"
cap vxlan6-eth0-S-nn       $S "$N1" eth0 "-S -nn"       "" "$D5; underlay, absolute sequence numbers on the inner frames"
cap vxlan6-eth0-ttttt-nn   $S "$N1" eth0 "-ttttt -nn"   "" "$D5; underlay, delta to the first packet"
cap vxlan6-any-nn-e        $S "$N1" any  "-nn -e"       "" "$D5; -i any"
wait_ready
flush_neigh
pod_traffic
stop_caps
fi

# ---- scenario 6: pod1 -> pod2 over Geneve on the IPv6 underlay --------------
if scenario geneve6; then
ip -n "$N1" route replace 10.244.2.0/24 via 10.70.0.2 dev gn6
ip -n "$N2" route replace 10.244.1.0/24 via 10.70.0.1 dev gn6
S=geneve6
D6="pod1 10.244.1.10 -> pod2 10.244.2.20 via gn6 (Geneve VNI 777 with one option, UDP 6081, IPv6 underlay fd00:18::/64): ARP, ICMP echo, HTTP, DNS, TCP RST, ICMP port unreachable"
cap geneve6-eth0-nn        $S "$N1" eth0 "-nn"          "" "$D6; underlay"
cap geneve6-eth0-nn-e      $S "$N1" eth0 "-nn -e"       "" "$D6; underlay with outer and inner MACs"
cap geneve6-eth0-nn-v      $S "$N1" eth0 "-nn -v"       "" "$D6; underlay -v"
cap geneve6-eth0-nn-vv-e   $S "$N1" eth0 "-nn -vv -e"   "" "$D6; underlay -vv -e"
cap geneve6-eth0-S-nn-v    $S "$N1" eth0 "-S -nn -v"    "" "$D6; underlay -v, absolute sequence numbers on the inner frames"
cap geneve6-any-nn         $S "$N1" any  "-nn"          "" "$D6; -i any"
wait_ready
flush_neigh
pod_traffic
stop_caps
fi

# ---- scenario 7: node1 -> node2 on VLAN 100 of an 802.1Q trunk -------------
if scenario vlan; then
S=vlan
D7="node1 10.100.0.1 -> node2 10.100.0.2 on VLAN 100 (trunk eth1, node1 priority 0, node2 priority 5): ARP, ICMP echo, HTTP, DNS, TCP RST, ICMP port unreachable"
cap vlan-eth1-nn-e         $S "$N1" eth1 "-nn -e"       "" "$D7; trunk with tags"
cap vlan-eth1-nn-v-e       $S "$N1" eth1 "-nn -v -e"    "" "$D7; trunk with tags, -v"
cap vlan-eth1-q-nn-e       $S "$N1" eth1 "-q -nn -e"    "" "$D7; trunk with tags, quiet"
cap vlan-eth1-ttt-nn-e     $S "$N1" eth1 "-ttt -nn -e"  "" "$D7; trunk with tags, delta time stamps"
cap vlan-eth1-nn           $S "$N1" eth1 "-nn"          "" "$D7; trunk without -e (tags not printed)"
cap vlan-eth1-xx-nn        $S "$N1" eth1 "-xx -nn"      "" "$D7; trunk, hex with link header and tag"
cap vlan-any-nn-e          $S "$N1" any  "-nn -e"       "" "$D7; -i any (SLL2): the kernel moved the tags out of the frames"
cap vlan-sll-nn-e          $S "$N1" any  "-nn -e -y LINUX_SLL" "" "$D7; -i any as LINUX_SLL (v1) with tags: 'ethertype IPv4, ' form"
cap vlan-sll-nn-e-v        $S "$N1" any  "-nn -e -v -y LINUX_SLL" "" "$D7; -i any as LINUX_SLL (v1) with tags, -v"
wait_ready
flush_neigh
node_traffic 10.100.0.2
stop_caps
fi

# ---- scenario 8: client -> server through a router (captured on the router)
if scenario routed; then
S=routed
D8="client 10.50.1.2 -> router -> server 10.50.2.2 (MTU 1280 behind the router): ICMP echo, TTL expiry (time exceeded), need to frag, fragments, ICMP host/port unreachable, ICMPv6 echo, hop-limit expiry, packet too big, address/port unreachable, ND, HTTP, DNS"
cap routed-eth0-nn-e-v     $S "$RT" eth0 "-nn -e -v"    "" "$D8; router, client side"
cap routed-eth1-nn-e-v     $S "$RT" eth1 "-nn -e -v"    "" "$D8; router, server side"
cap routed-eth0-nn         $S "$RT" eth0 "-nn"          "" "$D8; router, client side"
cap routed-eth1-nn-vv      $S "$RT" eth1 "-nn -vv"      "" "$D8; router, server side, -vv"
cap routed-eth0-nn-vvv     $S "$RT" eth0 "-nn -vvv"     "" "$D8; router, client side, -vvv"
cap routed-eth0-S-nn-e     $S "$RT" eth0 "-S -nn -e"    "" "$D8; router, client side, absolute sequence numbers"
cap routed-eth0-q-nn-v     $S "$RT" eth0 "-q -nn -v"    "" "$D8; router, client side, quiet -v"
cap routed-eth1-tt-nn-v    $S "$RT" eth1 "-tt -nn -v"   "" "$D8; router, server side, epoch time stamps"
cap routed-eth1-A-nn       $S "$RT" eth1 "-A -nn"       "" "$D8; router, server side, ASCII"
cap routed-eth0-t-nn-v     $S "$RT" eth0 "-t -nn -v"    "" "$D8; router, client side, no time stamps"
cap routed-any-nn-v        $S "$RT" any  "-nn -v"       "" "$D8; router, -i any: each packet in and out"
cap routed-any-q-nn-e      $S "$RT" any  "-q -nn -e"    "" "$D8; router, -i any, quiet"
cap routed-any-ttttt-nn    $S "$RT" any  "-ttttt -nn"   "" "$D8; router, -i any, delta to the first packet"
cap routed-any-XX-nn       $S "$RT" any  "-XX -nn"      "" "$D8; router, -i any, hex and ASCII with the cooked header"
cap routed-sll-nn          $S "$RT" any  "-nn -y LINUX_SLL" "" "$D8; router, -i any as LINUX_SLL (v1)"
wait_ready
flush_neigh
ns "$CL" ping -c 2 -i 0.2 -W 1 10.50.2.2 >/dev/null
sleep 0.2
ns "$CL" ping -c 1 -t 1 -W 1 10.50.2.2 >/dev/null || true
sleep 0.2
ns "$CL" ping -c 1 -M do -s 1400 -W 1 10.50.2.2 >/dev/null || true
sleep 0.2
ns "$CL" ping -c 1 -s 3000 -W 1 10.50.2.2 >/dev/null || true
sleep 0.2
head -c 2400 /dev/zero | tr '\0' 'u' | ns "$CL" socat -u - UDP4-SENDTO:10.50.2.2:9999 || true
sleep 0.2
printf 'trace\n' | ns "$CL" socat -u - UDP4-SENDTO:10.50.2.2:33434,ip-ttl=1 || true
sleep 0.2
ns "$CL" curl -s -o /dev/null --max-time 3 http://10.50.2.2/
sleep 0.3
ns "$CL" python3 "$TOOLS/dns_query.py" 10.50.2.2 \
    kubernetes.default.svc.cluster.local:A nosuch.default.svc.cluster.local:A >/dev/null
sleep 0.2
ns "$CL" ping -6 -c 2 -i 0.2 -W 1 fd00:50:2::2 >/dev/null
sleep 0.2
ns "$CL" ping -6 -c 1 -t 1 -W 1 fd00:50:2::2 >/dev/null || true
sleep 0.2
ns "$CL" ping -6 -c 1 -s 1400 -W 1 fd00:50:2::2 >/dev/null || true
sleep 0.2
printf 'probe6\n' | ns "$CL" socat -u - 'UDP6-SENDTO:[fd00:50:2::2]:9999' || true
sleep 0.2
ns "$CL" curl -6 -s -o /dev/null --max-time 3 'http://[fd00:50:2::2]/'
sleep 0.2
ns "$CL" ping -c 1 -W 4 10.50.2.99 >/dev/null || true
ns "$CL" ping -6 -c 1 -W 4 fd00:50:2::99 >/dev/null || true
stop_caps
fi

# ---- scenario 9: node1 <-> node2 on eth0, printed with names and -# --------
# Without -n tcpdump prints the name gethostbyaddr() gives for each address and
# the first getservent() name of each port.  node1 resolves through files only
# (its own hosts, services and nsswitch.conf, bind-mounted over /etc by "ip
# netns exec"), so no lookup leaves the namespace and the names are known: the
# files are kept as corpus/names.hosts and corpus/names.services, the ground
# truth of what each address and port prints as.  The services file gives the
# ports the IANA names Fedora/RHEL's list has (Debian's netbase lacks some).
if scenario names; then
S=names
mkdir -p "$NAMES_ETC"
printf '172.18.0.2\tnode1.tdc.internal node1\n172.18.0.3\tkubernetes.default.svc.cluster.local\nfd00:18::2\tnode1-v6.tdc.internal\nfd00:18::3\tapi-server-v6\n' \
    > "$OUT/names.hosts"
printf 'domain\t\t53/tcp\ndomain\t\t53/udp\nhttp\t\t80/tcp\t\twww\netcd-client\t2379/tcp\nsun-sr-https\t6443/tcp\nhttp-alt\t8080/tcp\twebcache\n' \
    > "$OUT/names.services"
cp "$OUT/names.hosts" "$NAMES_ETC/hosts"
cp "$OUT/names.services" "$NAMES_ETC/services"
printf 'hosts: files\nservices: files\nprotocols: files\n' > "$NAMES_ETC/nsswitch.conf"
D9="node1 eth0 <-> node2 (names from node1's hosts file): ARP, ICMP echo (also fragmented), ICMPv6 ND + echo, HTTP over IPv4 and IPv6, DNS, TCP RST on 81, 2379, 6443 and 8080, ICMP and ICMPv6 port unreachable"
cap names-eth0             $S "$N1" eth0 ""             "" "$D9; no -n: host and port names"
cap names-eth0-v           $S "$N1" eth0 "-v"           "" "$D9; no -n, -v (quoted datagrams with names)"
cap names-eth0-N-e         $S "$N1" eth0 "-N -e"        "" "$D9; no -n, -N: names without their domain"
cap names-eth0-num         $S "$N1" eth0 "-#"           "" "$D9; no -n, packet numbers"
cap names-eth0-num-nn-v    $S "$N1" eth0 "-# -nn -v"    "" "$D9; packet numbers, -v (second lines unnumbered)"
cap names-eth0-num-ttt-nn  $S "$N1" eth0 "-# -ttt -nn"  "" "$D9; packet numbers before delta stamps"
cap names-eth0-num-t-nn-e  $S "$N1" eth0 "-# -t -nn -e" "" "$D9; packet numbers, no stamps"
cap names-any-num-tttt     $S "$N1" any  "-# -tttt"     "" "$D9; -i any, no -n, packet numbers, date and time"
wait_ready
flush_neigh
node_traffic 172.18.0.3
sleep 0.2
ns "$N1" ping -c 1 -s 2000 -W 1 172.18.0.3 >/dev/null
sleep 0.2
ns "$N1" ping -6 -c 2 -i 0.2 -W 1 fd00:18::3 >/dev/null
sleep 0.2
ns "$N1" curl -6 -s -o /dev/null --max-time 3 'http://[fd00:18::3]/'
sleep 0.2
printf 'probe6\n' | ns "$N1" socat -u - 'UDP6-SENDTO:[fd00:18::3]:9999' || true
for port in 2379 6443 8080; do
    sleep 0.2
    ns "$N1" curl -s -o /dev/null --max-time 2 "http://172.18.0.3:$port/" || true
done
stop_caps
rm -rf "$NAMES_ETC"
fi

# ------------------------------------------------------- topology + truth
{
    printf '{\n "tcpdump_version": "%s",\n "libpcap_version": "%s",\n' "$TDV" "$PCV"
    printf ' "geneve_implementation": "%s",\n "namespaces": {\n' "$GENEVE_IMPL"
    first=1
    for n in "${ALL_NS[@]}"; do
        [[ $first == 1 ]] || printf ',\n'
        first=0
        printf '  "%s": {"interfaces": ' "$n"
        ip -n "$n" -d -j addr show | python3 -c '
import json, sys
out = []
for i in json.load(sys.stdin):
    out.append({"ifindex": i["ifindex"], "ifname": i["ifname"], "mac": i.get("address"),
                "mtu": i.get("mtu"), "kind": (i.get("linkinfo") or {}).get("info_kind"),
                "addresses": ["%s/%s" % (a["local"], a["prefixlen"]) for a in i.get("addr_info", [])
                              if a.get("scope") != "link"]})
sys.stdout.write(json.dumps(out))'
        printf '}'
    done
    printf '\n }\n}\n'
} > "$OUT/topology.json"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$OUT/topology.json"

# ground truth of the captures this run made (every one without TDC_ONLY)
awk -F'\t' -v only=" $ONLY " 'NR == 1 || only == "  " || index(only, " " $2 " ") > 0' \
    "$OUT/captures.tsv" > "$WORK/made.tsv"
python3 "$TOOLS/pcap2expect.py" --captures "$WORK/made.tsv" --topology "$OUT/topology.json" \
    --outdir "$OUT" --stderr-dir "$WORK"

echo "tcpdump $TDV / libpcap $PCV, geneve: $GENEVE_IMPL"
echo "done: $(($(wc -l < "$OUT/captures.tsv") - 1)) captures"
