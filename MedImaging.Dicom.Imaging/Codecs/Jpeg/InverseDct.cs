namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>
/// The 8x8 inverse DCT in scaled integers, with the arithmetic of libjpeg's accurate integer method (jidctint, the
/// Loeffler-Ligtenberg-Moschytz factorisation: 13 fraction bits, 2 extra bits between passes at 8-bit precision and 1
/// at 12-bit), so that our samples are the ones libjpeg, and so dcmtk, decodes; a float IDCT differs by one in places,
/// which windowing of 12-bit images magnifies.
/// </summary>
internal static class InverseDct
{
    private const int ConstBits = 13;

    private const int Fix0298631336 = 2446;
    private const int Fix0390180644 = 3196;
    private const int Fix0541196100 = 4433;
    private const int Fix0765366865 = 6270;
    private const int Fix0899976223 = 7373;
    private const int Fix1175875602 = 9633;
    private const int Fix1501321110 = 12299;
    private const int Fix1847759065 = 15137;
    private const int Fix1961570560 = 16069;
    private const int Fix2053119869 = 16819;
    private const int Fix2562915447 = 20995;
    private const int Fix3072711026 = 25172;

    /// <summary>Transforms dequantised coefficients (natural order) into samples, adding the level shift and clamping.</summary>
    public static void Transform(ReadOnlySpan<int> coefficients, Span<int> output, int levelShift, int maxValue)
    {
        var pass1Bits = maxValue > 255 ? 1 : 2;
        Span<int> workspace = stackalloc int[64];
        for (var column = 0; column < 8; column++)
        {
            if (coefficients[8 + column] == 0 && coefficients[16 + column] == 0 && coefficients[24 + column] == 0 &&
                coefficients[32 + column] == 0 && coefficients[40 + column] == 0 && coefficients[48 + column] == 0 &&
                coefficients[56 + column] == 0)
            {
                var dc = coefficients[column] << pass1Bits;
                for (var row = 0; row < 8; row++) workspace[row * 8 + column] = dc;
                continue;
            }
            Butterfly(coefficients, column, 8, workspace, column, 8, ConstBits - pass1Bits);
        }
        Span<int> samples = stackalloc int[8];
        for (var row = 0; row < 8; row++)
        {
            Butterfly(workspace, row * 8, 1, samples, 0, 1, ConstBits + pass1Bits + 3);
            for (var x = 0; x < 8; x++)
            {
                var value = samples[x] + levelShift;
                output[row * 8 + x] = value < 0 ? 0 : value > maxValue ? maxValue : value;
            }
        }
    }

    /// <summary>One 8-point pass over input[start + i * step], written to output[at + i * outStep] descaled by <paramref name="shift"/> bits.</summary>
    private static void Butterfly(ReadOnlySpan<int> input, int start, int step, Span<int> output, int at, int outStep, int shift)
    {
        unchecked
        {
            // Even part.
            int z2 = input[start + 2 * step], z3 = input[start + 6 * step];
            var z1 = (z2 + z3) * Fix0541196100;
            var tmp2 = z1 - z3 * Fix1847759065;
            var tmp3 = z1 + z2 * Fix0765366865;
            z2 = input[start];
            z3 = input[start + 4 * step];
            var tmp0 = (z2 + z3) << ConstBits;
            var tmp1 = (z2 - z3) << ConstBits;
            int tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

            // Odd part.
            tmp0 = input[start + 7 * step];
            tmp1 = input[start + 5 * step];
            tmp2 = input[start + 3 * step];
            tmp3 = input[start + step];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            var z4 = tmp1 + tmp3;
            var z5 = (z3 + z4) * Fix1175875602;
            tmp0 *= Fix0298631336;
            tmp1 *= Fix2053119869;
            tmp2 *= Fix3072711026;
            tmp3 *= Fix1501321110;
            z1 *= -Fix0899976223;
            z2 *= -Fix2562915447;
            z3 = z3 * -Fix1961570560 + z5;
            z4 = z4 * -Fix0390180644 + z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            var round = 1 << (shift - 1);
            output[at] = (tmp10 + tmp3 + round) >> shift;
            output[at + 7 * outStep] = (tmp10 - tmp3 + round) >> shift;
            output[at + outStep] = (tmp11 + tmp2 + round) >> shift;
            output[at + 6 * outStep] = (tmp11 - tmp2 + round) >> shift;
            output[at + 2 * outStep] = (tmp12 + tmp1 + round) >> shift;
            output[at + 5 * outStep] = (tmp12 - tmp1 + round) >> shift;
            output[at + 3 * outStep] = (tmp13 + tmp0 + round) >> shift;
            output[at + 4 * outStep] = (tmp13 - tmp0 + round) >> shift;
        }
    }
}
