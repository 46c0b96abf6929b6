"""The walls around one call of a learner's function (see docs/guide/checker.md, "Safety").

The harness forks a fresh child for every call; the child installs `install_filter` before it runs any learner code.
On Linux x86-64 and arm64 a seccomp filter then refuses, for the rest of the child's life, whatever could reach
outside the call: signals to other processes, new processes and programs, tracing or reading other processes'
memory, raising a resource limit, opening any file for writing (so no `/proc/<pid>/fd/<n>` of the editor's pipes),
io_uring (which would bypass the filter), new sockets. Threads stay allowed. Elsewhere the child is still a separate process
in its own process group that the harness kills after the call, with a memory watchdog on its resident size.
"""

import ctypes
import ctypes.util
import errno
import os
import platform
import signal
import struct
import sys

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_SET_NO_NEW_PRIVS = 38
PR_SET_CHILD_SUBREAPER = 36
SECCOMP_MODE_FILTER = 2

_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_JSET_K = 0x45
_RET_K = 0x06
_OFF_NR = 0
_OFF_ARCH = 4


def _off_arg(i):
    return 16 + 8 * i  # low 32 bits of args[i] (little-endian) in struct seccomp_data


CLONE_THREAD = 0x00010000
# O_WRONLY | O_RDWR | O_CREAT | O_TRUNC (same values on x86-64 and the generic table)
_WRITE_FLAGS = 0x1 | 0x2 | 0x40 | 0x200

# Syscall numbers: arch/x86/entry/syscalls/syscall_64.tbl and include/uapi/asm-generic/unistd.h (arm64).
_TABLES = {
    "x86_64": {
        "audit_arch": 0xC000003E,
        "deny": {
            "kill": 62, "tkill": 200, "tgkill": 234, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297,
            "pidfd_send_signal": 424, "pidfd_open": 434, "pidfd_getfd": 438,
            "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "process_madvise": 440,
            "setrlimit": 160, "prlimit64": 302,
            "fork": 57, "vfork": 58, "execve": 59, "execveat": 322,
            "setsid": 112, "setpgid": 109, "unshare": 272, "setns": 308,
            "creat": 85, "truncate": 76, "open_by_handle_at": 304, "socket": 41,
            "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
        },
        "enosys": {"clone3": 435, "openat2": 437},  # flags behind a pointer: glibc falls back to clone / openat
        "clone": 56,
        "open": {2: 1, 257: 2},  # syscall -> index of its flags argument
    },
    "aarch64": {
        "audit_arch": 0xC00000B7,
        "deny": {
            "kill": 129, "tkill": 130, "tgkill": 131, "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240,
            "pidfd_send_signal": 424, "pidfd_open": 434, "pidfd_getfd": 438,
            "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "process_madvise": 440,
            "setrlimit": 164, "prlimit64": 261,
            "execve": 221, "execveat": 281,
            "setsid": 157, "setpgid": 154, "unshare": 97, "setns": 268,
            "truncate": 45, "open_by_handle_at": 265, "socket": 198,
            "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
        },
        "enosys": {"clone3": 435, "openat2": 437},
        "clone": 220,
        "open": {56: 2},
    },
}


def _libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None


_LIBC = _libc()


def _prctl(option, arg2=0, arg3=0):
    if _LIBC is None:
        return False
    value = ctypes.c_ulong(arg3) if isinstance(arg3, int) else arg3
    return _LIBC.prctl(ctypes.c_int(option), ctypes.c_ulong(arg2), value, ctypes.c_ulong(0), ctypes.c_ulong(0)) == 0


def _filter_program(table):
    code = []

    def op(c, k, jt=0, jf=0):
        code.append((c, jt, jf, k))

    eperm = _RET_ERRNO | errno.EPERM
    op(_LD_W_ABS, _OFF_ARCH)
    op(_JEQ_K, table["audit_arch"], 1, 0)
    op(_RET_K, eperm)  # another ABI (x32, i386 via int 0x80): refused outright
    op(_LD_W_ABS, _OFF_NR)
    if table["audit_arch"] == 0xC000003E:
        op(_JGE_K, 0x40000000, 0, 1)  # x32 numbers
        op(_RET_K, eperm)
    for nr in table["deny"].values():
        op(_JEQ_K, nr, 0, 1)
        op(_RET_K, eperm)
    for nr in table["enosys"].values():
        op(_JEQ_K, nr, 0, 1)
        op(_RET_K, _RET_ERRNO | errno.ENOSYS)
    # clone: a thread (CLONE_THREAD) is fine, a new process is not
    op(_JEQ_K, table["clone"], 0, 4)
    op(_LD_W_ABS, _off_arg(0))
    op(_JSET_K, CLONE_THREAD, 0, 1)
    op(_RET_K, _RET_ALLOW)
    op(_RET_K, eperm)
    # open / openat: reading is fine (imports), writing or creating is not
    for nr, flags_arg in table["open"].items():
        op(_JEQ_K, nr, 0, 4)
        op(_LD_W_ABS, _off_arg(flags_arg))
        op(_JSET_K, _WRITE_FLAGS, 1, 0)
        op(_RET_K, _RET_ALLOW)
        op(_RET_K, eperm)
    op(_RET_K, _RET_ALLOW)
    return code


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _table():
    return _TABLES.get(platform.machine().lower().replace("arm64", "aarch64").replace("amd64", "x86_64"))


def filter_supported():
    return _LIBC is not None and _table() is not None and struct.calcsize("P") == 8


def _compiled_filter():
    """The filter as the kernel takes it, built once in the harness so that each forked child only installs it."""
    table = _table()
    if not filter_supported() or table is None:
        return None
    program = _filter_program(table)
    filters = (_SockFilter * len(program))(*[_SockFilter(*ins) for ins in program])
    fprog = _SockFprog(len(program), ctypes.cast(filters, ctypes.POINTER(_SockFilter)))
    return filters, fprog, ctypes.cast(ctypes.pointer(fprog), ctypes.c_void_p)


_FILTER = _compiled_filter()
if _LIBC is not None:
    _LIBC.prctl.restype = ctypes.c_int


def install_filter():
    """Installs the seccomp filter in this process (irreversibly); False when this system cannot."""
    if _FILTER is None or not _prctl(PR_SET_NO_NEW_PRIVS, 1):
        return False
    return _prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, _FILTER[2])


def harden_supervisor():
    """The harness itself: not traceable nor readable through /proc by its children (its pipes to the editor,
    its memory), dies with the editor, and adopts any orphaned descendant so it can end them."""
    _prctl(PR_SET_DUMPABLE, 0)
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)


def die_with_parent():
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes(pid):
    """Resident memory of one process from /proc, or None where there is no /proc."""
    try:
        with open("/proc/%d/statm" % pid, "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None


def _proc_table():
    """pid -> (ppid, pgrp) of every process we can see in /proc."""
    table = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return table
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as stat:
                text = stat.read()
        except OSError:
            continue
        fields = text[text.rfind(b")") + 2:].split()
        try:
            table[int(name)] = (int(fields[1]), int(fields[2]))
        except (IndexError, ValueError):
            continue
    return table


def group_resident_bytes(pgid):
    """Resident memory of every process in a process group (the child and whatever it started)."""
    total = 0
    for pid, (_ppid, pgrp) in _proc_table().items():
        if pgrp == pgid:
            total += resident_bytes(pid) or 0
    return total


def end_descendants(rounds=50, spare=None):
    """SIGKILLs every descendant of this process but `spare` (orphans included: we are their subreaper) and
    reaps them."""
    me = os.getpid()
    for _ in range(rounds):
        table = _proc_table()
        children = {}
        for pid, (ppid, _pgrp) in table.items():
            children.setdefault(ppid, []).append(pid)
        found, pending = [], [pid for pid in children.get(me, []) if pid != spare]
        while pending:
            pid = pending.pop()
            found.append(pid)
            pending.extend(children.get(pid, []))
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        reap()
        if not found:
            return


def reap():
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
