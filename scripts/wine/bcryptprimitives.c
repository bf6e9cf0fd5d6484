/* Test shim for Wine 8 (Debian 12), which has no bcryptprimitives.dll.
 * Rust's standard library imports ProcessPrng from it (present on every
 * Windows 10/11); this stand-in answers from RtlGenRandom so the exe starts
 * under the older Wine. scripts/test-wine.sh installs it into its own Wine
 * prefix only; it is never shipped with yusuan.exe. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
