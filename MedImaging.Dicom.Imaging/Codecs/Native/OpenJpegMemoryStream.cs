namespace MedImaging.Dicom.Imaging.Codecs.Native;

/// <summary>
/// The read/skip/seek callbacks OpenJPEG calls on our pinned input; every access is bounded by the
/// length we set, so the library never reads past the managed buffer.
/// </summary>
internal static unsafe class OpenJpegMemoryStream
{
    [StructLayout(LayoutKind.Sequential)]
    public struct State
    {
        public byte* Data;
        public long Length;
        public long Position;
    }

    [UnmanagedCallersOnly]
    public static nuint Read(byte* buffer, nuint count, void* user)
    {
        var state = (State*)user;
        var remaining = state->Length - state->Position;
        if (remaining <= 0) return unchecked((nuint)(-1));
        var n = (long)Math.Min((ulong)remaining, count);
        Buffer.MemoryCopy(state->Data + state->Position, buffer, (long)count, n);
        state->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly]
    public static long Skip(long count, void* user)
    {
        var state = (State*)user;
        var target = Math.Clamp(state->Position + count, 0, state->Length);
        var skipped = target - state->Position;
        state->Position = target;
        return skipped;
    }

    [UnmanagedCallersOnly]
    public static int Seek(long position, void* user)
    {
        var state = (State*)user;
        if (position < 0 || position > state->Length) return 0;
        state->Position = position;
        return 1;
    }

    [ThreadStatic] public static string? LastError;

    [UnmanagedCallersOnly]
    public static void OnError(byte* message, void* client) =>
        LastError = Marshal.PtrToStringUTF8((nint)message)?.Trim();
}
