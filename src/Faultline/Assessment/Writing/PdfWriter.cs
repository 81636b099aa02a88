using System.Diagnostics;

namespace Faultline.Assessment.Writing;

/// <summary>
/// PDF through headless Chromium: the HTML page (with its print stylesheet) printed to PDF. Chromium is looked for at
/// $FAULTLINE_CHROMIUM, then /usr/bin/chromium, then chromium or chromium-browser on the PATH; without it the writer
/// throws <see cref="PdfUnavailableException"/> and writes nothing.
/// </summary>
public sealed class PdfWriter : IAssessmentWriter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly Func<string?> _locate;

    /// <summary>A writer that finds Chromium the usual way.</summary>
    public PdfWriter() : this(FindChromium) { }

    internal PdfWriter(Func<string?> locate) => _locate = locate;

    /// <inheritdoc />
    public string Format => "pdf";

    /// <inheritdoc />
    public string Extension => ".pdf";

    /// <summary>True when a Chromium to print with is installed.</summary>
    public static bool Available => FindChromium() is not null;

    /// <inheritdoc />
    public void Write(AssessmentDocument document, Stream output, WriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        var chromium = _locate() ?? throw new PdfUnavailableException();
        var folder = Path.Combine(Path.GetTempPath(), "faultline-pdf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var html = Path.Combine(folder, "assessment.html");
            var pdf = Path.Combine(folder, "assessment.pdf");
            File.WriteAllText(html, HtmlWriter.Render(document, options), new System.Text.UTF8Encoding(false));
            var psi = new ProcessStartInfo(chromium)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            foreach (var a in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                         "--user-data-dir=" + Path.Combine(folder, "profile"), "--print-to-pdf=" + pdf, new Uri(html).AbsoluteUri,
                     })
                psi.ArgumentList.Add(a);
            using var process = Process.Start(psi) ?? throw new PdfUnavailableException();
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new IOException($"Chromium did not print the PDF within {Timeout.TotalSeconds:0} s; nothing written");
            }
            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            {
                var last = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "";
                throw new IOException($"Chromium (exit {process.ExitCode}) wrote no PDF{(last.Length > 0 ? ": " + last : "")}; nothing written");
            }
            using var file = File.OpenRead(pdf);
            file.CopyTo(output);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The Chromium executable to print with, or null.</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable("FAULTLINE_CHROMIUM") is { Length: > 0 } explicitPath && File.Exists(explicitPath)) return explicitPath;
        if (File.Exists("/usr/bin/chromium")) return "/usr/bin/chromium";
        foreach (var name in new[] { "chromium", "chromium-browser" })
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                if (Path.Combine(dir, name) is var candidate && File.Exists(candidate)) return candidate;
        return null;
    }
}

/// <summary>PDF was asked for but no Chromium is installed.</summary>
public sealed class PdfUnavailableException : Exception
{
    /// <summary>The one-line message the analyst sees.</summary>
    public PdfUnavailableException() : base("PDF needs Chromium: apt install chromium; nothing written") { }

    /// <summary>With another message.</summary>
    public PdfUnavailableException(string message) : base(message) { }

    /// <summary>With another message and a cause.</summary>
    public PdfUnavailableException(string message, Exception inner) : base(message, inner) { }
}
