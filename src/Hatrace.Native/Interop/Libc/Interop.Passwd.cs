using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        private const int ERANGE = 34;

        /// <summary>struct passwd of pwd.h for x86_64: the fields read here.</summary>
        [StructLayout(LayoutKind.Sequential)]
        private struct Passwd
        {
            public nint Name;
            public nint Password;
            public uint UserId;
            public uint GroupId;
            public nint Gecos;
            public nint Directory;
            public nint Shell;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
        private static unsafe partial int GetPasswordEntry(string name, Passwd* entry, byte* buffer, nuint size, Passwd** result);

        [LibraryImport(Libraries.Libc, EntryPoint = "getgrouplist", StringMarshalling = StringMarshalling.Utf8)]
        private static unsafe partial int GetGroupList(string user, uint group, uint* groups, int* count);

        /// <summary>A user of the user database (files, LDAP, whatever NSS is set to): its ids and every group it belongs
        /// to, its own group first, as initgroups would give them.</summary>
        internal static unsafe bool TryGetUser(string name, out uint userId, out uint groupId, out uint[] groups)
        {
            (userId, groupId, groups) = (0, 0, []);
            Passwd entry;
            Passwd* found = null;
            for (int size = 1024; ; size *= 2)
            {
                byte[] buffer = new byte[size];
                int error;
                fixed (byte* strings = buffer)
                    error = GetPasswordEntry(name, &entry, strings, (nuint)size, &found);
                if (error != ERANGE)
                    break;
            }
            if (found == null)
                return false;
            (userId, groupId) = (entry.UserId, entry.GroupId);
            for (int count = 32; ; )
            {
                uint[] list = new uint[count];
                int wanted = count;
                fixed (uint* p = list)
                {
                    if (GetGroupList(name, groupId, p, &wanted) >= 0)
                    {
                        groups = list[..wanted];
                        return true;
                    }
                }
                count = Math.Max(wanted, count * 2); // too few: wanted says how many there are
            }
        }
    }
}
