/* Test helper for scripts/test-wine.sh: holds a file open the way another
 * Windows program would, so that yusuan's save over it can be observed.
 *   holdopen.exe FILE SECONDS MODE
 * MODE r: share read only (a PDF reader, Excel on its workbook);
 * MODE d: share read, write and delete (programs that allow replacing).
 * Prints "held" once the file is open, exits after SECONDS. */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: holdopen FILE SECONDS r|d\n");
        return 2;
    }
    DWORD share = argv[3][0] == L'd'
        ? FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE
        : FILE_SHARE_READ;
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, share, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open: error %lu\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    Sleep((DWORD)_wtoi(argv[2]) * 1000);
    CloseHandle(h);
    return 0;
}
