#!/usr/bin/env python3
"""Minimal user-space 802.1Q sub-interface over a TAP device.

Used by make-captures.sh because the kernel it runs on may lack the 8021q
module.  Frames read from the TAP device get an 802.1Q tag (VID, PCP) inserted
after the MAC addresses and are sent on the trunk interface through a packet
socket; tagged frames received on the trunk for that VID lose their tag and
are written back into the TAP.  On the trunk the traffic looks exactly like a
VLAN sub-interface's.

Standard library only.  Runs for at most --lifetime seconds.
"""
import argparse
import os
import select
import socket
import struct
import time

from tap import open_tap, seconds_left

ETH_P_ALL = 0x0003
ETH_P_8021Q = 0x8100
SOL_PACKET = 263
PACKET_AUXDATA = 8
PACKET_OUTGOING = 4
TP_STATUS_VLAN_VALID = 0x10


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", required=True, help="TAP device name (created beforehand with ip tuntap)")
    ap.add_argument("--trunk", required=True, help="interface carrying the tagged frames")
    ap.add_argument("--vid", type=int, required=True)
    ap.add_argument("--pcp", type=int, default=0)
    ap.add_argument("--lifetime", type=float, default=120.0)
    a = ap.parse_args()

    fd = open_tap(a.dev)

    trunk = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    trunk.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    trunk.bind((a.trunk, ETH_P_ALL))

    tag = struct.pack("!HH", ETH_P_8021Q, (a.pcp << 13) | a.vid)
    deadline = time.monotonic() + a.lifetime
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd, trunk], [], [], seconds_left(deadline))
        if fd in r:
            frame = os.read(fd, 65535)
            trunk.send(frame[:12] + tag + frame[12:])
        if trunk in r:
            data, anc, _flags, addr = trunk.recvmsg(65535, socket.CMSG_SPACE(32))
            if addr[2] == PACKET_OUTGOING or len(data) < 14:
                continue
            vid = None
            if struct.unpack("!H", data[12:14])[0] == ETH_P_8021Q:
                vid = struct.unpack("!H", data[14:16])[0] & 0xFFF
                data = data[:12] + data[16:]
            else:
                # The kernel may have moved the tag into the packet's metadata.
                for level, kind, value in anc:
                    if level == SOL_PACKET and kind == PACKET_AUXDATA:
                        status, _len, _snap, _mac, _net, tci = struct.unpack("IIIHHH", value[:18])
                        if status & TP_STATUS_VLAN_VALID:
                            vid = tci & 0xFFF
            if vid == a.vid:
                os.write(fd, data)


if __name__ == "__main__":
    main()
