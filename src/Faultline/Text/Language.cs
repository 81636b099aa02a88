namespace Faultline.Text;

/// <summary>The languages Faultline tells apart; everything else is <see cref="Other"/>.</summary>
public enum Language
{
    /// <summary>Any other language, or too little text to tell.</summary>
    Other = 0,
    /// <summary>Russian.</summary>
    Russian,
    /// <summary>Ukrainian.</summary>
    Ukrainian,
    /// <summary>English.</summary>
    English,
}

/// <summary>Two-letter codes for <see cref="Language"/>, as stored in the archive.</summary>
public static class LanguageCodes
{
    /// <summary>"ru", "uk", "en" or "other".</summary>
    public static string Code(this Language l) => l switch
    {
        Language.Russian => "ru",
        Language.Ukrainian => "uk",
        Language.English => "en",
        _ => "other",
    };

    /// <summary>
    /// The language for a code ("ru", "uk", "en"; case and surrounding spaces ignored; "ua" and the English
    /// names are accepted because analysts type them). Anything else is <see cref="Language.Other"/>.
    /// </summary>
    public static Language Parse(string code) => (code ?? "").Trim().ToLowerInvariant() switch
    {
        "ru" or "rus" or "russian" => Language.Russian,
        "uk" or "ua" or "ukr" or "ukrainian" => Language.Ukrainian,
        "en" or "eng" or "english" => Language.English,
        _ => Language.Other,
    };
}
