namespace Faultline.Bench;

internal static class Program
{
    private static int Main(string[] args) => args.Length;
}
