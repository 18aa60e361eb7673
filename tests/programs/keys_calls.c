/* The key management calls on keys and keyrings of this process's own: a key added to its process keyring, which
 * ends with it, and calls that fail before they change anything (an unknown key, a bad pointer, an unsupported
 * operation). The keys' serial numbers differ from run to run: the test masks them. KEY_POS_* and the other
 * permission bits are keyutils' names, not the kernel's headers': their values are written out. */
#define _GNU_SOURCE
#include <linux/keyctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    char buf[64] = "0123456789012345678901234567890123456789";
    write(-1, "keys", 4); /* where the test starts comparing */
    long key = syscall(SYS_add_key, "user", "hatrace:test", "secret", 6, KEY_SPEC_PROCESS_KEYRING);
    syscall(SYS_add_key, "user", "d", NULL, 0, 1);
    syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 0);
    syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, 7, 1);
    syscall(SYS_keyctl, KEYCTL_UPDATE, key, "other", 5);
    syscall(SYS_keyctl, KEYCTL_UPDATE, 1, buf, 40);
    syscall(SYS_keyctl, KEYCTL_UPDATE, 1, NULL, 0);
    syscall(SYS_keyctl, KEYCTL_DESCRIBE, key, buf, sizeof buf);
    syscall(SYS_keyctl, KEYCTL_DESCRIBE, key, buf, 4);
    syscall(SYS_keyctl, KEYCTL_DESCRIBE, key, NULL, 0);
    syscall(SYS_keyctl, KEYCTL_DESCRIBE, 1, buf, sizeof buf);
    syscall(SYS_keyctl, KEYCTL_READ, key, buf, sizeof buf);
    syscall(SYS_keyctl, KEYCTL_READ, key, buf, 2);
    syscall(SYS_keyctl, KEYCTL_READ, 1, buf, sizeof buf);
    syscall(SYS_keyctl, KEYCTL_SETPERM, key, 0x3f000000 | 0x00010000 | 0x00000002);
    syscall(SYS_keyctl, KEYCTL_SETPERM, key, 0x40000000);
    syscall(SYS_keyctl, KEYCTL_SETPERM, 1, 0x3f000000 | 0x40);
    syscall(SYS_keyctl, KEYCTL_SETPERM, 1, 0);
    syscall(SYS_keyctl, KEYCTL_CHOWN, key, -1, -1);
    syscall(SYS_keyctl, KEYCTL_CHOWN, 1, 100, 200);
    syscall(SYS_keyctl, KEYCTL_SET_TIMEOUT, key, 360);
    syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, "user", "hatrace:test", 0);
    syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, "user", "hatrace:none", KEY_SPEC_PROCESS_KEYRING);
    syscall(SYS_keyctl, KEYCTL_SEARCH, 1, NULL, 8, 0);
    syscall(SYS_keyctl, KEYCTL_LINK, key, KEY_SPEC_THREAD_KEYRING);
    syscall(SYS_keyctl, KEYCTL_UNLINK, key, KEY_SPEC_THREAD_KEYRING);
    syscall(SYS_keyctl, KEYCTL_MOVE, key, KEY_SPEC_PROCESS_KEYRING, KEY_SPEC_THREAD_KEYRING, KEYCTL_MOVE_EXCL);
    syscall(SYS_keyctl, KEYCTL_MOVE, key, KEY_SPEC_THREAD_KEYRING, KEY_SPEC_PROCESS_KEYRING, 0x10);
    syscall(SYS_keyctl, KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE);
    syscall(SYS_keyctl, KEYCTL_SET_REQKEY_KEYRING, 99);
    syscall(SYS_keyctl, KEYCTL_GET_SECURITY, key, buf, sizeof buf);
    syscall(SYS_keyctl, KEYCTL_INSTANTIATE, key, "x", 1, KEY_SPEC_PROCESS_KEYRING);
    syscall(SYS_keyctl, KEYCTL_NEGATE, key, 10, KEY_SPEC_PROCESS_KEYRING);
    syscall(SYS_keyctl, KEYCTL_REJECT, key, 10, 128, KEY_SPEC_PROCESS_KEYRING);
    syscall(SYS_keyctl, KEYCTL_REJECT, 1, 0, 999, 0);
    struct iovec iov[2] = {{"ab", 2}, {"cde", 3}};
    syscall(SYS_keyctl, KEYCTL_INSTANTIATE_IOV, key, iov, 2, KEY_SPEC_PROCESS_KEYRING);
    syscall(SYS_keyctl, KEYCTL_INSTANTIATE_IOV, 1, 8, 2, 0);
    syscall(SYS_keyctl, KEYCTL_ASSUME_AUTHORITY, 0);
    syscall(SYS_keyctl, KEYCTL_GET_PERSISTENT, -1, 1); /* no keyring 1: refused before any is made */
    struct keyctl_dh_params dh = {.priv = 1, .prime = 2, .base = 3};
    struct keyctl_kdf_params kdf = {.hashname = "sha256", .otherinfo = "abc", .otherinfolen = 3, .__spare = {0, 5}};
    syscall(SYS_keyctl, KEYCTL_DH_COMPUTE, &dh, buf, sizeof buf, NULL);
    syscall(SYS_keyctl, KEYCTL_DH_COMPUTE, &dh, buf, sizeof buf, &kdf);
    kdf.__spare[1] = 0;
    syscall(SYS_keyctl, KEYCTL_DH_COMPUTE, &dh, buf, sizeof buf, &kdf);
    syscall(SYS_keyctl, KEYCTL_DH_COMPUTE, NULL, NULL, 0, 8);
    struct keyctl_pkey_params pkey = {.key_id = KEY_SPEC_PROCESS_KEYRING, .in_len = 3, .out_len = 64};
    syscall(SYS_keyctl, KEYCTL_PKEY_QUERY, key, 0, "enc=pkcs1", buf);
    syscall(SYS_keyctl, KEYCTL_PKEY_ENCRYPT, &pkey, "enc=raw", buf, buf);
    syscall(SYS_keyctl, KEYCTL_PKEY_SIGN, &pkey, "enc=raw", buf, buf);
    syscall(SYS_keyctl, KEYCTL_PKEY_VERIFY, &pkey, "enc=raw", buf, buf);
    syscall(SYS_keyctl, KEYCTL_PKEY_DECRYPT, 8, "info", buf, buf);
    syscall(SYS_keyctl, KEYCTL_RESTRICT_KEYRING, KEY_SPEC_PROCESS_KEYRING, "asymmetric", "builtin_trusted");
    syscall(SYS_keyctl, KEYCTL_RESTRICT_KEYRING, KEY_SPEC_PROCESS_KEYRING, NULL, NULL);
    syscall(SYS_keyctl, KEYCTL_CAPABILITIES, buf, 2);
    syscall(SYS_keyctl, KEYCTL_CAPABILITIES, buf, 1);
    syscall(SYS_keyctl, KEYCTL_CAPABILITIES, NULL, 0);
    syscall(SYS_keyctl, KEYCTL_INVALIDATE, key);
    syscall(SYS_keyctl, KEYCTL_REVOKE, 1);
    syscall(SYS_keyctl, KEYCTL_CLEAR, KEY_SPEC_PROCESS_KEYRING);
    syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL);
    syscall(SYS_keyctl, 99, 1, 2, 3, 4);
    syscall(SYS_request_key, "user", "hatrace:none", "callout", KEY_SPEC_PROCESS_KEYRING);
    syscall(SYS_request_key, "user", "hatrace:none", NULL, 0);
    return 0;
}
