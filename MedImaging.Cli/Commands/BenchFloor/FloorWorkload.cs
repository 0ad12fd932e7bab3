namespace MedImaging.Cli.Commands.BenchFloor;

/// <summary>
/// The bytes of one one-instance study's required side effects: the upload, its de-identified copy (the same size),
/// the rendered JPEG (really rendered from the source, as the pipeline does), the study report, the state items and
/// the completion notification.
/// </summary>
public sealed record FloorWorkload(byte[] Upload, byte[] Rendered, byte[] Report, string StudyItemPadding, string InstanceItemPadding, string Notification)
{
    /// <summary>Sizes taken from the running system: a study report of a one-instance MR is ~1.5 KB, its study item
    /// ~1 KB and instance item (progress and result) ~3 KB; a completion notification ~300 bytes.</summary>
    public static FloorWorkload For(byte[] upload, byte[] rendered) => new(
        upload,
        rendered,
        System.Text.Encoding.UTF8.GetBytes("{\"report\":\"" + new string('r', 1500) + "\"}"),
        new string('s', 1000),
        new string('i', 3000),
        "{\"study\":\"" + new string('n', 280) + "\"}");
}
