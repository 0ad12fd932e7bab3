namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>Separable 8x8 inverse DCT in double precision (T.81 A.3.3).</summary>
internal static class InverseDct
{
    private static readonly double[] Cosines = BuildCosines();

    private static double[] BuildCosines()
    {
        // Cosines[x * 8 + u] = C(u)/2 * cos((2x+1) u pi / 16)
        var table = new double[64];
        for (var x = 0; x < 8; x++)
            for (var u = 0; u < 8; u++)
                table[x * 8 + u] = (u == 0 ? Math.Sqrt(0.5) : 1.0) / 2 * Math.Cos((2 * x + 1) * u * Math.PI / 16);
        return table;
    }

    /// <summary>Transforms dequantised coefficients (natural order) into samples, adding the level shift and clamping.</summary>
    public static void Transform(ReadOnlySpan<int> coefficients, Span<int> output, int levelShift, int maxValue)
    {
        Span<double> rows = stackalloc double[64];
        for (var v = 0; v < 8; v++)
            for (var x = 0; x < 8; x++)
            {
                double sum = 0;
                for (var u = 0; u < 8; u++) sum += Cosines[x * 8 + u] * coefficients[v * 8 + u];
                rows[v * 8 + x] = sum;
            }
        for (var x = 0; x < 8; x++)
            for (var y = 0; y < 8; y++)
            {
                double sum = 0;
                for (var v = 0; v < 8; v++) sum += Cosines[y * 8 + v] * rows[v * 8 + x];
                var value = (int)Math.Round(sum) + levelShift;
                output[y * 8 + x] = value < 0 ? 0 : value > maxValue ? maxValue : value;
            }
    }
}
