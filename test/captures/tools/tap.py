"""TAP device and time box shared by the user-space tunnel helpers (standard library only)."""
import fcntl
import os
import struct
import time

TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000


def open_tap(name):
    """File descriptor of the TAP device `name` (created beforehand with ip tuntap)."""
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TAP | IFF_NO_PI))
    return fd


def seconds_left(deadline):
    """Seconds to wait at most in the next select(), 0 once the lifetime is over."""
    return max(0.0, min(deadline - time.monotonic(), 1.0))
