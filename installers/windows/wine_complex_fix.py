"""Wine 8.0's ucrtbase.dll leaves four complex-number accessors (crealf, cimagf, creal, cimag) as stubs that abort
the process, and numpy calls them as soon as it is imported. Windows implements them; Wine 9 does too.

Only when the process runs under Wine (ntdll exports wine_get_version), the four stubs are overwritten in this
process's memory with the few instructions each function is (Microsoft x64 calling convention: an _Fcomplex, two
floats, arrives by value in RCX; a _Dcomplex, sixteen bytes, by pointer in RCX; the result returns in XMM0). On
Windows nothing is touched. Used as the build Python's sitecustomize and as a PyInstaller runtime hook, so that the
Windows build can be made and tested on Linux; it changes nothing else.
"""

import sys

_CODE = {
    "crealf": b"\x66\x0f\x6e\xc1\xc3",  # movd xmm0, ecx; ret
    "cimagf": b"\x48\x89\xc8\x48\xc1\xe8\x20\x66\x0f\x6e\xc0\xc3",  # mov rax, rcx; shr rax, 32; movd xmm0, eax; ret
    "creal": b"\xf2\x0f\x10\x01\xc3",  # movsd xmm0, [rcx]; ret
    "cimag": b"\xf2\x0f\x10\x41\x08\xc3",  # movsd xmm0, [rcx+8]; ret
}


def _patch_wine_complex_stubs() -> None:
    import ctypes
    from ctypes import wintypes

    try:
        ctypes.WinDLL("ntdll").wine_get_version  # noqa: B018 - only Wine's ntdll has it
    except (OSError, AttributeError):
        return
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.VirtualProtect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, wintypes.DWORD,
                                        ctypes.POINTER(wintypes.DWORD)]
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.FlushInstructionCache.argtypes = [wintypes.HANDLE, ctypes.c_void_p, ctypes.c_size_t]
    ucrt = ctypes.WinDLL("ucrtbase")
    for name, code in _CODE.items():
        try:
            address = ctypes.cast(getattr(ucrt, name), ctypes.c_void_p).value
        except AttributeError:
            continue
        old = wintypes.DWORD()
        if not kernel32.VirtualProtect(address, len(code), 0x40, ctypes.byref(old)):  # PAGE_EXECUTE_READWRITE
            continue
        ctypes.memmove(address, code, len(code))
        kernel32.VirtualProtect(address, len(code), old.value, ctypes.byref(old))
        kernel32.FlushInstructionCache(kernel32.GetCurrentProcess(), address, len(code))


if sys.platform == "win32":
    _patch_wine_complex_stubs()
