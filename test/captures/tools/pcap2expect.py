#!/usr/bin/env python3
"""Derive per-packet ground truth from pcap BYTES (standard library only).

The ground truth never looks at tcpdump's text output: every field is decoded
here from the capture file, so a text parser can be checked against it.

Usage:
  pcap2expect.py --captures captures.tsv --topology topology.json [--outdir .]
      writes <name>.expect.json for every row of captures.tsv
  pcap2expect.py FILE.pcap [--netns NS --topology topology.json]
      prints the JSON for one file on stdout

Supported: classic pcap (micro/nano), link types EN10MB(1), RAW(12/101),
LINUX_SLL(113), IPV4(228), IPV6(229), LINUX_SLL2(276); 802.1Q/802.1ad tags;
IPv4, IPv6 (+ extension headers), ARP, TCP, UDP, ICMP, ICMPv6, DNS, HTTP/1.x
first lines, VXLAN (UDP 4789/8472), Geneve (UDP 6081) with the inner frame.
802.1Q tags after a cooked header are listed in the packet's "vlans"; ICMP
need-to-frag and ICMPv6 packet-too-big carry their "mtu".

Field conventions (see README.md): numbers are numbers, MACs lower-case
colon-separated, checksums "0x%04x", ethertypes "0x%04x".  TCP "seq"/"ack"
are absolute; "seq_rel"/"ack_rel" reproduce what tcpdump prints without -S
(its per-conversation relative numbering, replayed packet by packet in
capture order).
"""
import argparse
import datetime
import json
import os
import socket
import struct
import sys

M32 = 0xFFFFFFFF

LINKTYPES = {1: "EN10MB", 12: "RAW", 101: "RAW", 113: "LINUX_SLL", 228: "IPV4",
             229: "IPV6", 276: "LINUX_SLL2"}
ETHERTYPES = {0x0800: "IPv4", 0x86DD: "IPv6", 0x0806: "ARP", 0x8100: "802.1Q",
              0x88A8: "802.1Q-QinQ", 0x8035: "Reverse ARP", 0x88CC: "LLDP"}
IPPROTO = {0: "HBH", 1: "ICMP", 2: "IGMP", 4: "IPIP", 6: "TCP", 17: "UDP",
           41: "IPv6", 43: "Routing", 44: "Fragment", 47: "GRE", 50: "ESP",
           51: "AH", 58: "ICMPv6", 59: "NoNext", 60: "DSTOPT", 132: "SCTP"}
SLL_PKTTYPE = {0: "In", 1: "B", 2: "M", 3: "P", 4: "Out"}
TCP_FLAG_ORDER = [(0x01, "F", "FIN"), (0x02, "S", "SYN"), (0x04, "R", "RST"),
                  (0x08, "P", "PSH"), (0x10, ".", "ACK"), (0x20, "U", "URG"),
                  (0x40, "E", "ECE"), (0x80, "W", "CWR")]
ICMP_TYPES = {0: "echo reply", 3: "unreachable", 4: "source quench", 5: "redirect",
              8: "echo request", 11: "time exceeded", 12: "parameter problem",
              13: "time stamp request", 14: "time stamp reply"}
ICMP_UNREACH = {0: "net unreachable", 1: "host unreachable", 2: "protocol unreachable",
                3: "port unreachable", 4: "need to frag", 9: "net prohibited",
                10: "host prohibited", 13: "admin prohibited"}
ICMP6_TYPES = {1: "destination unreachable", 2: "packet too big", 3: "time exceeded",
               4: "parameter problem", 128: "echo request", 129: "echo reply",
               130: "multicast listener query", 131: "multicast listener report",
               132: "multicast listener done", 133: "router solicitation",
               134: "router advertisement", 135: "neighbor solicitation",
               136: "neighbor advertisement", 137: "redirect",
               143: "multicast listener report v2"}
ICMP6_UNREACH = {0: "no route", 1: "admin prohibited", 2: "beyond scope",
                 3: "address unreachable", 4: "port unreachable"}
DNS_TYPES = {1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 15: "MX", 16: "TXT",
             28: "AAAA", 33: "SRV", 41: "OPT", 65: "HTTPS"}
DNS_RCODES = {0: "NoError", 1: "FormErr", 2: "ServFail", 3: "NXDomain", 4: "NotImp",
              5: "Refused"}
HTTP_METHODS = ("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH",
                "CONNECT", "TRACE")
VXLAN_PORTS = (4789, 8472)
GENEVE_PORT = 6081


def mac(b):
    return ":".join("%02x" % x for x in b)


def ip4(b):
    return socket.inet_ntop(socket.AF_INET, bytes(b))


def ip6(b):
    return socket.inet_ntop(socket.AF_INET6, bytes(b))


def hx(v, w=4):
    return "0x%0*x" % (w, v)


def ones_sum(data, start=0):
    if len(data) % 2:
        data = data + b"\x00"
    s = start + sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def verify(data, cksum_off, pseudo=b""):
    """Return (ok, correct_value) for an internet checksum field."""
    zeroed = data[:cksum_off] + b"\x00\x00" + data[cksum_off + 2:]
    correct = (~ones_sum(pseudo + zeroed)) & 0xFFFF
    got = struct.unpack("!H", data[cksum_off:cksum_off + 2])[0]
    return ones_sum(pseudo + data) == 0xFFFF, correct, got


def portname(port, proto):
    try:
        return socket.getservbyport(port, proto)
    except OSError:
        return None


class TcpSeqTracker:
    """Replays tcpdump's (print-tcp.c) relative sequence-number bookkeeping."""

    def __init__(self):
        self.tab = {}

    def track(self, ver, src, dst, sport, dport, seq, ack, flags):
        if not flags & 0x10:  # tcpdump only does this for packets with ACK set
            return seq, ack, 0, 0, 0
        rev = 0
        if sport > dport:
            rev = 1
        elif sport == dport and bytes(src) > bytes(dst):
            rev = 1
        if rev:
            key = (ver, bytes(dst), bytes(src), (dport << 16) | sport)
        else:
            key = (ver, bytes(src), bytes(dst), (sport << 16) | dport)
        e = self.tab.get(key)
        if e is None or flags & 0x02:
            if rev:
                e = {"ack": seq, "seq": (ack - 1) & M32}
            else:
                e = {"seq": seq, "ack": (ack - 1) & M32}
            self.tab[key] = e
            oseq, oack = seq, ack
        elif rev:
            oseq, oack = (seq - e["ack"]) & M32, (ack - e["seq"]) & M32
        else:
            oseq, oack = (seq - e["seq"]) & M32, (ack - e["ack"]) & M32
        return oseq, oack, e["seq"], e["ack"], rev


class Decoder:
    def __init__(self, ifnames=None):
        self.tcp = TcpSeqTracker()
        self.ifnames = ifnames or {}

    # ---------------------------------------------------------------- link
    def frame(self, linktype, data, origlen):
        pkt = {}
        if linktype == 1:
            self.ether(data, origlen, pkt)
        elif linktype == 276:
            if len(data) < 20:
                pkt["truncated"] = "sll2"
                return pkt
            proto, _res, ifindex, hatype, pkttype, halen = struct.unpack("!HHIHBB", data[:12])
            pkt["sll2"] = {
                "ifindex": ifindex,
                "interface": self.ifnames.get(str(ifindex)),
                "direction": SLL_PKTTYPE.get(pkttype, "?"),
                "pkttype": pkttype,
                "hatype": hatype,
                "addr": mac(data[12:12 + min(halen, 8)]) if halen else "",
                "protocol": hx(proto),
                "protocol_name": ETHERTYPES.get(proto),
            }
            self.l3(proto, data[20:], origlen - 20, pkt)
        elif linktype == 113:
            if len(data) < 16:
                pkt["truncated"] = "sll"
                return pkt
            pkttype, hatype, halen = struct.unpack("!HHH", data[:6])
            proto = struct.unpack("!H", data[14:16])[0]
            pkt["sll"] = {
                "direction": SLL_PKTTYPE.get(pkttype, "?"),
                "pkttype": pkttype,
                "hatype": hatype,
                "addr": mac(data[6:6 + min(halen, 8)]) if halen else "",
                "protocol": hx(proto),
                "protocol_name": ETHERTYPES.get(proto),
            }
            self.l3(proto, data[16:], origlen - 16, pkt)
        elif linktype in (12, 101, 228, 229):
            if not data:
                return pkt
            ver = data[0] >> 4
            self.l3(0x0800 if ver == 4 else 0x86DD, data, origlen, pkt)
        else:
            pkt["unsupported_linktype"] = linktype
        return pkt

    def ether(self, data, length, pkt):
        if len(data) < 14:
            pkt["truncated"] = "ether"
            return
        eth = {"dst": mac(data[0:6]), "src": mac(data[6:12])}
        etype = struct.unpack("!H", data[12:14])[0]
        off = 14
        vlans = []
        while etype in (0x8100, 0x88A8) and len(data) >= off + 4:
            tci, inner = struct.unpack("!HH", data[off:off + 4])
            vlans.append({"tpid": hx(etype), "id": tci & 0xFFF, "pcp": tci >> 13,
                          "dei": (tci >> 12) & 1})
            etype = inner
            off += 4
        eth["ethertype"] = hx(etype)
        eth["ethertype_name"] = ETHERTYPES.get(etype)
        if vlans:
            eth["vlans"] = vlans
            eth["outer_ethertype"] = vlans[0]["tpid"]
        eth["frame_length"] = length
        pkt["eth"] = eth
        self.l3(etype, data[off:], length - off, pkt)

    # ------------------------------------------------------------------ L3
    def l3(self, etype, data, length, pkt):
        # 802.1Q tags after a cooked (SLL/SLL2) header
        while etype in (0x8100, 0x88A8) and len(data) >= 4:
            tci, inner = struct.unpack("!HH", data[:4])
            pkt.setdefault("vlans", []).append({"tpid": hx(etype), "id": tci & 0xFFF, "pcp": tci >> 13,
                                                "dei": (tci >> 12) & 1})
            etype, data, length = inner, data[4:], length - 4
        if etype == 0x0800:
            self.ipv4(data, pkt)
        elif etype == 0x86DD:
            self.ipv6(data, pkt)
        elif etype == 0x0806:
            self.arp(data, length, pkt)
        else:
            pkt["l3"] = ETHERTYPES.get(etype, hx(etype))

    def arp(self, data, length, pkt):
        pkt["l3"] = "ARP"
        if len(data) < 8:
            pkt["truncated"] = "arp"
            return
        htype, ptype, hlen, plen, op = struct.unpack("!HHBBH", data[:8])
        a = {"htype": htype, "ptype": hx(ptype), "op": op,
             "op_name": {1: "request", 2: "reply", 3: "rarp request", 4: "rarp reply"}.get(op, str(op)),
             "length": length}
        o = 8
        if htype == 1 and ptype == 0x0800 and hlen == 6 and plen == 4 and len(data) >= 28:
            a["sha"] = mac(data[o:o + 6])
            a["spa"] = ip4(data[o + 6:o + 10])
            a["tha"] = mac(data[o + 10:o + 16])
            a["tpa"] = ip4(data[o + 16:o + 20])
        pkt["arp"] = a
        pkt["src"] = a.get("spa")
        pkt["dst"] = a.get("tpa")

    def ipv4(self, data, pkt):
        pkt["l3"] = "IPv4"
        if len(data) < 20:
            pkt["truncated"] = "ip"
            return
        vihl, tos, tot, ident, frag, ttl, proto, cks = struct.unpack("!BBHHHBBH", data[:12])
        ihl = (vihl & 0xF) * 4
        flags = []
        if frag & 0x4000:
            flags.append("DF")
        if frag & 0x2000:
            flags.append("MF")
        if frag & 0x8000:
            flags.append("rsvd")
        hdr = data[:ihl]
        ok, correct, _ = verify(hdr, 10) if len(hdr) == ihl else (None, None, None)
        ip = {"version": 4, "ihl": ihl, "tos": hx(tos, 1), "total_length": tot, "id": ident,
              "flags": flags, "flags_text": "+".join(f for f in ("DF", "MF") if f in flags) or "none",
              "frag_offset": (frag & 0x1FFF) * 8, "ttl": ttl, "proto": proto,
              "proto_name": IPPROTO.get(proto), "header_cksum": hx(cks),
              "header_cksum_ok": ok, "src": ip4(data[12:16]), "dst": ip4(data[16:20])}
        if ok is False:
            ip["header_cksum_correct"] = hx(correct)
        pkt["ipv4"] = ip
        pkt["src"], pkt["dst"] = ip["src"], ip["dst"]
        end = min(len(data), tot) if tot >= ihl else len(data)
        payload = data[ihl:end]
        l4len = tot - ihl
        if ip["frag_offset"]:
            pkt["l4"] = None
            pkt["fragment"] = True
            return
        pseudo = data[12:20] + struct.pack("!BBH", 0, proto, l4len)
        self.l4(4, proto, payload, l4len, pseudo, data[12:16], data[16:20], pkt)

    def ipv6(self, data, pkt):
        pkt["l3"] = "IPv6"
        if len(data) < 40:
            pkt["truncated"] = "ip6"
            return
        vtf, plen, nh, hlim = struct.unpack("!IHBB", data[:8])
        ip = {"version": 6, "traffic_class": hx((vtf >> 20) & 0xFF, 2),
              "flowlabel": hx(vtf & 0xFFFFF, 5), "payload_length": plen,
              "next_header": nh, "next_header_name": IPPROTO.get(nh), "hlim": hlim,
              "src": ip6(data[8:24]), "dst": ip6(data[24:40])}
        pkt["ipv6"] = ip
        pkt["src"], pkt["dst"] = ip["src"], ip["dst"]
        off = 40
        ext = []
        proto = nh
        end = min(len(data), 40 + plen)
        while proto in (0, 43, 60, 44) and off + 8 <= end:
            if proto == 44:
                ext.append("Fragment")
                fo = struct.unpack("!H", data[off + 2:off + 4])[0] >> 3
                proto = data[off]
                off += 8
                if fo:
                    pkt["fragment"] = True
                    pkt["l4"] = None
                    ip["extension_headers"] = ext
                    return
                continue
            ext.append(IPPROTO[proto])
            proto, hl = data[off], (data[off + 1] + 1) * 8
            off += hl
        if ext:
            ip["extension_headers"] = ext
            ip["upper_layer"] = proto
        l4len = 40 + plen - off
        pseudo = data[8:40] + struct.pack("!I", l4len) + b"\x00\x00\x00" + bytes([proto])
        self.l4(6, proto, data[off:end], l4len, pseudo, data[8:24], data[24:40], pkt)

    # ------------------------------------------------------------------ L4
    def l4(self, ver, proto, data, l4len, pseudo, srcb, dstb, pkt):
        complete = len(data) >= l4len
        if proto == 6:
            self.tcp_(ver, data, l4len, pseudo if complete else None, srcb, dstb, pkt)
        elif proto == 17:
            self.udp(data, l4len, pseudo if complete else None, pkt)
        elif proto == 1:
            self.icmp(data, l4len, complete, pkt)
        elif proto == 58:
            self.icmp6(data, l4len, pseudo if complete else None, pkt)
        else:
            pkt["l4"] = IPPROTO.get(proto, str(proto))

    def tcp_(self, ver, data, l4len, pseudo, srcb, dstb, pkt):
        pkt["l4"] = "TCP"
        if len(data) < 20:
            pkt["truncated"] = "tcp"
            return
        sport, dport, seq, ack, offflags, win, cks, urp = struct.unpack("!HHIIHHHH", data[:20])
        hlen = (offflags >> 12) * 4
        flags = offflags & 0xFF
        t = {"sport": sport, "dport": dport,
             "sport_name": portname(sport, "tcp"), "dport_name": portname(dport, "tcp"),
             "flags": "".join(c for bit, c, _ in TCP_FLAG_ORDER if flags & bit) or "none",
             "flags_list": [n for bit, _, n in TCP_FLAG_ORDER if flags & bit],
             "seq": seq, "ack": ack, "win": win, "header_length": hlen,
             "payload_length": max(l4len - hlen, 0), "cksum": hx(cks)}
        if flags & 0x20:
            t["urg"] = urp
        if pseudo is not None:
            ok, correct, _ = verify(data[:l4len], 16, pseudo)
            t["cksum_ok"] = ok
            if not ok:
                t["cksum_correct"] = hx(correct)
        else:
            t["cksum_ok"] = None
        rseq, rack, thseq, thack, rev = self.tcp.track(ver, srcb, dstb, sport, dport, seq, ack, flags)
        t["seq_rel"] = rseq
        t["ack_rel"] = rack if flags & 0x10 else None
        if t["payload_length"]:
            t["seq_rel_end"] = (rseq + t["payload_length"]) & M32
        opts, text = self.tcp_options(data[20:hlen], thseq, thack, rev)
        t["options"] = opts
        t["options_text"] = text
        pkt["tcp"] = t
        pkt["sport"], pkt["dport"] = sport, dport
        payload = data[hlen:l4len]
        if payload and (80 in (sport, dport) or 8080 in (sport, dport)):
            h = http_first(payload)
            if h:
                t["http"] = h

    @staticmethod
    def tcp_options(b, thseq, thack, rev):
        opts, parts = [], []
        i = 0
        while i < len(b):
            kind = b[i]
            if kind in (0, 1):
                name = "eol" if kind == 0 else "nop"
                opts.append({"kind": name})
                parts.append(name)
                i += 1
                if kind == 0:  # tcpdump stops printing options at EOL
                    break
                continue
            if i + 1 >= len(b):
                break
            ln = b[i + 1]
            body = b[i + 2:i + ln]
            if ln < 2:
                break
            if kind == 2 and ln == 4:
                v = struct.unpack("!H", body)[0]
                opts.append({"kind": "mss", "value": v})
                parts.append("mss %d" % v)
            elif kind == 3 and ln == 3:
                opts.append({"kind": "wscale", "value": body[0]})
                parts.append("wscale %d" % body[0])
            elif kind == 4:
                opts.append({"kind": "sackOK"})
                parts.append("sackOK")
            elif kind == 8 and ln == 10:
                val, ecr = struct.unpack("!II", body)
                opts.append({"kind": "TS", "val": val, "ecr": ecr})
                parts.append("TS val %d ecr %d" % (val, ecr))
            elif kind == 5 and (ln - 2) % 8 == 0:
                blocks = []
                for j in range(0, ln - 2, 8):
                    s, e = struct.unpack("!II", body[j:j + 8])
                    base = thseq if rev else thack
                    blocks.append([(s - base) & M32, (e - base) & M32])
                opts.append({"kind": "sack", "blocks_rel": blocks})
                parts.append("sack %d %s" % (len(blocks), "".join("{%d:%d}" % tuple(x) for x in blocks)))
            else:
                opts.append({"kind": "unknown-%d" % kind, "length": ln, "data": body.hex()})
                parts.append("unknown-%d" % kind)
            i += ln
        return opts, ",".join(parts)

    def udp(self, data, l4len, pseudo, pkt):
        pkt["l4"] = "UDP"
        if len(data) < 8:
            pkt["truncated"] = "udp"
            return
        sport, dport, ulen, cks = struct.unpack("!HHHH", data[:8])
        u = {"sport": sport, "dport": dport,
             "sport_name": portname(sport, "udp"), "dport_name": portname(dport, "udp"),
             "length": ulen, "payload_length": ulen - 8, "cksum": hx(cks)}
        if cks == 0 and pkt.get("l3") == "IPv4":
            u["cksum_ok"] = None
            u["no_cksum"] = True
        elif pseudo is not None:
            ok, correct, _ = verify(data[:ulen], 6, pseudo)
            u["cksum_ok"] = ok
            if not ok:
                u["cksum_correct"] = hx(correct if correct else 0xFFFF)
        else:
            u["cksum_ok"] = None
        pkt["udp"] = u
        pkt["sport"], pkt["dport"] = sport, dport
        payload = data[8:ulen]
        if 53 in (sport, dport):
            d = dns(payload)
            if d:
                u["dns"] = d
        elif sport in VXLAN_PORTS or dport in VXLAN_PORTS:
            self.vxlan(payload, 8472 if 8472 in (sport, dport) else 4789, pkt)
        elif GENEVE_PORT in (sport, dport):
            self.geneve(payload, pkt)

    def vxlan(self, b, port, pkt):
        if len(b) < 8:
            return
        flags = b[0]
        enc = {"type": "vxlan", "udp_port": port, "flags": hx(flags, 2),
               "flag_I": bool(flags & 0x08), "vni": int.from_bytes(b[4:7], "big"),
               "reserved1": int.from_bytes(b[1:4], "big"), "reserved2": b[7]}
        ipkt = {}
        self.ether(b[8:], len(b) - 8, ipkt)
        enc["inner"] = ipkt
        pkt["encap"] = enc

    def geneve(self, b, pkt):
        if len(b) < 8:
            return
        ver = b[0] >> 6
        optlen = (b[0] & 0x3F) * 4
        proto = struct.unpack("!H", b[2:4])[0]
        enc = {"type": "geneve", "udp_port": GENEVE_PORT, "version": ver,
               "opt_len": optlen, "flag_O": bool(b[1] & 0x80), "flag_C": bool(b[1] & 0x40),
               "protocol": hx(proto), "vni": int.from_bytes(b[4:7], "big"),
               "vni_hex": "0x%x" % int.from_bytes(b[4:7], "big"), "options": []}
        o = 8
        while o + 4 <= 8 + optlen and o + 4 <= len(b):
            cls, typ, ln = struct.unpack("!HBB", b[o:o + 4])
            dl = (ln & 0x1F) * 4
            enc["options"].append({"class": hx(cls), "type": hx(typ, 2), "length": 4 + dl,
                                   "data": b[o + 4:o + 4 + dl].hex()})
            o += 4 + dl
        ipkt = {}
        payload = b[8 + optlen:]
        if proto == 0x6558:
            self.ether(payload, len(payload), ipkt)
        elif proto in (0x0800, 0x86DD):
            self.l3(proto, payload, len(payload), ipkt)
        enc["inner"] = ipkt
        pkt["encap"] = enc

    def icmp(self, data, l4len, complete, pkt):
        pkt["l4"] = "ICMP"
        if len(data) < 4:
            pkt["truncated"] = "icmp"
            return
        typ, code, cks = struct.unpack("!BBH", data[:4])
        c = {"type": typ, "code": code, "kind": ICMP_TYPES.get(typ, "type-#%d" % typ),
             "length": l4len, "cksum": hx(cks)}
        if typ == 3:
            c["kind"] = ICMP_UNREACH.get(code, "unreachable code %d" % code)
            if code == 4 and len(data) >= 8:
                c["mtu"] = struct.unpack("!H", data[6:8])[0]
        if complete:
            ok, correct, _ = verify(data[:l4len], 2)
            c["cksum_ok"] = ok
        if typ in (0, 8) and len(data) >= 8:
            c["id"], c["seq"] = struct.unpack("!HH", data[4:8])
        if typ in (3, 4, 5, 11, 12) and len(data) >= 28:
            q = {}
            Decoder.quoted(data[8:], q)
            c["quoted"] = q
        pkt["icmp"] = c

    @staticmethod
    def quoted(b, q):
        """Summarise the datagram quoted inside an ICMP/ICMPv6 error."""
        if not b:
            return
        if b[0] >> 4 == 4 and len(b) >= 20:
            ihl = (b[0] & 0xF) * 4
            q.update({"l3": "IPv4", "src": ip4(b[12:16]), "dst": ip4(b[16:20]), "proto": b[9],
                      "proto_name": IPPROTO.get(b[9]), "ttl": b[8],
                      "id": struct.unpack("!H", b[4:6])[0],
                      "total_length": struct.unpack("!H", b[2:4])[0]})
            rest = b[ihl:]
            proto = b[9]
        elif b[0] >> 4 == 6 and len(b) >= 40:
            q.update({"l3": "IPv6", "src": ip6(b[8:24]), "dst": ip6(b[24:40]), "proto": b[6],
                      "proto_name": IPPROTO.get(b[6]), "hlim": b[7],
                      "payload_length": struct.unpack("!H", b[4:6])[0]})
            rest = b[40:]
            proto = b[6]
        else:
            return
        if proto in (6, 17) and len(rest) >= 4:
            q["sport"], q["dport"] = struct.unpack("!HH", rest[:4])
            if proto == 17 and len(rest) >= 8:
                q["udp_length"] = struct.unpack("!H", rest[4:6])[0]

    def icmp6(self, data, l4len, pseudo, pkt):
        pkt["l4"] = "ICMPv6"
        if len(data) < 4:
            pkt["truncated"] = "icmp6"
            return
        typ, code, cks = struct.unpack("!BBH", data[:4])
        c = {"type": typ, "code": code, "kind": ICMP6_TYPES.get(typ, "type-#%d" % typ),
             "length": l4len, "cksum": hx(cks)}
        if pseudo is not None:
            c["cksum_ok"] = verify(data[:l4len], 2, pseudo)[0]
        if typ in (128, 129) and len(data) >= 8:
            c["id"], c["seq"] = struct.unpack("!HH", data[4:8])
        elif typ in (135, 136) and len(data) >= 24:
            c["target"] = ip6(data[8:24])
            if typ == 136:
                fl = data[4]
                c["na_flags"] = [n for bit, n in ((0x80, "router"), (0x40, "solicited"),
                                                  (0x20, "override")) if fl & bit]
            c["options"] = nd_options(data[24:l4len])
        elif typ in (133, 134):
            c["options"] = nd_options(data[16 if typ == 134 else 8:l4len])
        elif typ == 143 and len(data) >= 8:
            n = struct.unpack("!H", data[6:8])[0]
            recs, o = [], 8
            for _ in range(n):
                if o + 20 > len(data):
                    break
                rt, aux, ns = struct.unpack("!BBH", data[o:o + 4])
                recs.append({"type": rt, "group": ip6(data[o + 4:o + 20]), "sources": ns})
                o += 20 + aux * 4 + ns * 16
            c["records"] = recs
        elif typ in (1, 2, 3, 4) and len(data) >= 48:
            if typ == 2:
                c["mtu"] = struct.unpack("!I", data[4:8])[0]
            if typ == 1:
                c["kind"] = ICMP6_UNREACH.get(code, c["kind"])
            q = {}
            Decoder.quoted(data[8:], q)
            c["quoted"] = q
        pkt["icmp6"] = c


def nd_options(b):
    out, o = [], 0
    names = {1: "source link-address", 2: "target link-address", 3: "prefix info",
             5: "mtu", 14: "nonce"}
    while o + 2 <= len(b):
        t, ln = b[o], b[o + 1] * 8
        if ln == 0:
            break
        d = {"type": t, "name": names.get(t, "option-%d" % t), "length": ln}
        if t in (1, 2) and ln == 8:
            d["lladdr"] = mac(b[o + 2:o + 8])
        out.append(d)
        o += ln
    return out


def dns_name(msg, off, depth=0):
    labels = []
    jumped_end = None
    while off < len(msg) and depth < 20:
        n = msg[off]
        if n == 0:
            off += 1
            break
        if n & 0xC0 == 0xC0:
            if off + 1 >= len(msg):
                break
            ptr = ((n & 0x3F) << 8) | msg[off + 1]
            if jumped_end is None:
                jumped_end = off + 2
            off = ptr
            depth += 1
            continue
        labels.append(msg[off + 1:off + 1 + n].decode("ascii", "replace"))
        off += 1 + n
    name = ".".join(labels) + "."
    return name, (jumped_end if jumped_end is not None else off)


def dns(b):
    if len(b) < 12:
        return None
    try:
        qid, fl, qd, an, ns, ar = struct.unpack("!HHHHHH", b[:12])
        d = {"id": qid, "qr": "response" if fl & 0x8000 else "query",
             "opcode": (fl >> 11) & 0xF, "aa": bool(fl & 0x0400), "tc": bool(fl & 0x0200),
             "rd": bool(fl & 0x0100), "ra": bool(fl & 0x0080), "rcode": fl & 0xF,
             "rcode_name": DNS_RCODES.get(fl & 0xF, str(fl & 0xF)),
             "qdcount": qd, "ancount": an, "nscount": ns, "arcount": ar,
             "length": len(b), "questions": [], "answers": []}
        off = 12
        for _ in range(qd):
            name, off = dns_name(b, off)
            qt, qc = struct.unpack("!HH", b[off:off + 4])
            off += 4
            d["questions"].append({"name": name, "type": DNS_TYPES.get(qt, str(qt)), "class": qc})
        for _ in range(an):
            name, off = dns_name(b, off)
            rt, rc, ttl, rl = struct.unpack("!HHIH", b[off:off + 10])
            off += 10
            rd = b[off:off + rl]
            off += rl
            if rt == 1 and rl == 4:
                val = ip4(rd)
            elif rt == 28 and rl == 16:
                val = ip6(rd)
            elif rt in (2, 5, 12):
                val = dns_name(b, off - rl)[0]
            else:
                val = rd.hex()
            d["answers"].append({"name": name, "type": DNS_TYPES.get(rt, str(rt)), "class": rc,
                                 "ttl": ttl, "data": val})
        return d
    except (struct.error, IndexError):
        return {"undecodable": True, "length": len(b)}


def http_first(payload):
    line_end = payload.find(b"\r\n")
    first = payload[:line_end if line_end >= 0 else len(payload)].decode("latin-1")
    word = first.split(" ", 1)[0]
    if word in HTTP_METHODS:
        parts = first.split(" ")
        h = {"type": "request", "first_line": first, "method": parts[0],
             "target": parts[1] if len(parts) > 1 else None,
             "version": parts[2] if len(parts) > 2 else None}
    elif first.startswith("HTTP/"):
        parts = first.split(" ", 2)
        h = {"type": "response", "first_line": first, "version": parts[0],
             "status": int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None,
             "reason": parts[2] if len(parts) > 2 else None}
    else:
        return None
    head_end = payload.find(b"\r\n\r\n")
    block = payload[:head_end if head_end >= 0 else len(payload)].decode("latin-1")
    hdrs = []
    for ln in block.split("\r\n")[1:]:
        if ":" in ln:
            k, v = ln.split(":", 1)
            hdrs.append([k, v.strip()])
    h["headers"] = hdrs
    return h


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic == b"\xd4\xc3\xb2\xa1":
        bo, nano = "<", False
    elif magic == b"\xa1\xb2\xc3\xd4":
        bo, nano = ">", False
    elif magic == b"\x4d\x3c\xb2\xa1":
        bo, nano = "<", True
    elif magic == b"\xa1\xb2\x3c\x4d":
        bo, nano = ">", True
    else:
        raise SystemExit("%s: not a classic pcap file" % path)
    _vmaj, _vmin, _tz, _sig, snaplen, linktype = struct.unpack(bo + "HHiIII", data[4:24])
    off = 24
    pkts = []
    while off + 16 <= len(data):
        sec, frac, incl, orig = struct.unpack(bo + "IIII", data[off:off + 16])
        off += 16
        pkts.append((sec, frac, orig, data[off:off + incl]))
        off += incl
    return {"linktype": linktype & 0xFFFF, "snaplen": snaplen, "nano": nano}, pkts


def ts_fields(sec, frac, nano):
    digits = 9 if nano else 6
    dt = datetime.datetime.fromtimestamp(sec, tz=datetime.timezone.utc)
    f = "%0*d" % (digits, frac)
    return {"sec": sec, "frac": frac, "frac_digits": digits,
            "epoch": "%d.%s" % (sec, f),
            "utc_date_time": dt.strftime("%Y-%m-%d %H:%M:%S") + "." + f,
            "utc_time_of_day": dt.strftime("%H:%M:%S") + "." + f}


def expect_for(pcap_path, meta, ifnames):
    hdr, pkts = read_pcap(pcap_path)
    dec = Decoder(ifnames)
    out = []
    for i, (sec, frac, orig, b) in enumerate(pkts, 1):
        p = {"n": i, "ts": ts_fields(sec, frac, hdr["nano"]), "caplen": len(b), "len": orig}
        p.update(dec.frame(hdr["linktype"], b, orig))
        out.append(p)
    doc = dict(meta)
    doc.update({"linktype": hdr["linktype"], "linktype_name": LINKTYPES.get(hdr["linktype"]),
                "snaplen": hdr["snaplen"], "timestamp_precision": "nano" if hdr["nano"] else "micro",
                "packet_count": len(out), "packets": out})
    return doc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pcap", nargs="?")
    ap.add_argument("--captures")
    ap.add_argument("--topology")
    ap.add_argument("--netns")
    ap.add_argument("--outdir", default=".")
    ap.add_argument("--stderr-dir", help="directory holding <name>.err (tcpdump's stderr) to embed")
    a = ap.parse_args()
    topo = {}
    if a.topology:
        with open(a.topology) as f:
            topo = json.load(f)

    def ifmap(ns):
        return {str(i["ifindex"]): i["ifname"] for i in topo.get("namespaces", {}).get(ns, {}).get("interfaces", [])}

    if a.pcap:
        doc = expect_for(a.pcap, {"capture": os.path.basename(a.pcap)}, ifmap(a.netns))
        json.dump(doc, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return
    with open(a.captures) as f:
        rows = [ln.rstrip("\n").split("\t") for ln in f if ln.strip()]
    head, rows = rows[0], rows[1:]
    for r in rows:
        meta = dict(zip(head, r))
        name = meta["name"]
        doc_meta = {
            "capture": name,
            "text_file": name + ".txt",
            "pcap_file": name + ".pcap",
            "scenario": meta["scenario"],
            "netns": meta["netns"],
            "interface": meta["interface"],
            "tcpdump_options": meta["options"],
            "filter": meta["filter"],
            "command": meta["command"],
            "description": meta["description"],
            "tcpdump_version": topo.get("tcpdump_version"),
            "libpcap_version": topo.get("libpcap_version"),
            "timezone": "UTC",
            "ground_truth_source": "decoded from the pcap bytes by tools/pcap2expect.py; never from the text",
        }
        if a.stderr_dir and os.path.exists(os.path.join(a.stderr_dir, name + ".err")):
            with open(os.path.join(a.stderr_dir, name + ".err")) as f:
                doc_meta["tcpdump_stderr"] = [ln.rstrip("\n") for ln in f if ln.strip()]
        doc = expect_for(os.path.join(a.outdir, name + ".pcap"), doc_meta, ifmap(meta["netns"]))
        with open(os.path.join(a.outdir, name + ".expect.json"), "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        print("%-28s %3d packets" % (name, doc["packet_count"]))


if __name__ == "__main__":
    main()
