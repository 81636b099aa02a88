using CsCheck;
using Faultline.Archive.Sqlite;

namespace Faultline.Tests.Archive;

public sealed class JsonColumnTests
{
    [Fact]
    public void Fast_string_lists_are_written_exactly_as_the_serializer_writes_them()
    {
        Assert.Null(Json.WriteStrings([]));
        Assert.Equal(Json.Write<string>(["cue «фейк»; anchor: relation echo", "quote \" back\\slash <b>&amp;</b>", "🤡 \u0001 \t"]),
            Json.WriteStrings(["cue «фейк»; anchor: relation echo", "quote \" back\\slash <b>&amp;</b>", "🤡 \u0001 \t"]));
        Gen.String.Array[1, 5].Sample(items => Assert.Equal(Json.Write(items), Json.WriteStrings(items)), iter: 2000);
    }
}
