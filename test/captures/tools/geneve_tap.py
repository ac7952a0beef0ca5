#!/usr/bin/env python3
"""Minimal user-space Geneve (RFC 8926) tunnel endpoint over a TAP device.

Used by make-captures.sh because the kernel it was written on has no
CONFIG_GENEVE.  Frames read from the TAP device are sent as
UDP(dst 6081) / Geneve(ver 0, proto 0x6558 TEB, VNI[, options]) / Ethernet
over an IPv4 or IPv6 underlay, and Geneve datagrams received on UDP 6081 are
decapsulated back into the TAP.  The result is a working L2 tunnel that looks
on the wire like a kernel Geneve device (with --option, like one that adds a
TLV option, as Cilium's DSR does).

Standard library only.  Runs for at most --lifetime seconds.
"""
import argparse
import os
import select
import socket
import struct
import time

from tap import open_tap, seconds_left

GENEVE_PORT = 6081
PROTO_TEB = 0x6558


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", required=True, help="TAP device name (created beforehand with ip tuntap)")
    ap.add_argument("--local", required=True, help="local underlay IPv4 or IPv6 address")
    ap.add_argument("--remote", required=True, help="remote underlay IPv4 or IPv6 address")
    ap.add_argument("--option", help="one TLV option CLASS:TYPE:HEXDATA (data a multiple of 4 bytes)")
    ap.add_argument("--vni", type=int, required=True)
    ap.add_argument("--lifetime", type=float, default=120.0)
    a = ap.parse_args()

    fd = open_tap(a.dev)

    family = socket.AF_INET6 if ":" in a.local else socket.AF_INET
    rx = socket.socket(family, socket.SOCK_DGRAM)
    rx.bind((a.local, GENEVE_PORT))
    # Like the kernel driver, transmit from an ephemeral source port.
    tx = socket.socket(family, socket.SOCK_DGRAM)
    tx.bind((a.local, 0))

    options = b""
    if a.option:
        cls, typ, data = a.option.split(":")
        body = bytes.fromhex(data)
        options = struct.pack("!HBB", int(cls, 16), int(typ, 16), len(body) // 4) + body
    hdr = struct.pack("!BBHI", len(options) // 4, 0, PROTO_TEB, (a.vni & 0xFFFFFF) << 8) + options
    deadline = time.monotonic() + a.lifetime
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd, rx], [], [], seconds_left(deadline))
        if fd in r:
            frame = os.read(fd, 65535)
            tx.sendto(hdr + frame, (a.remote, GENEVE_PORT))
        if rx in r:
            data, _ = rx.recvfrom(65535)
            if len(data) < 8:
                continue
            ver = data[0] >> 6
            optlen = (data[0] & 0x3F) * 4
            proto = struct.unpack("!H", data[2:4])[0]
            vni = struct.unpack("!I", data[4:8])[0] >> 8
            if ver != 0 or proto != PROTO_TEB or vni != a.vni:
                continue
            os.write(fd, data[8 + optlen:])


if __name__ == "__main__":
    main()
