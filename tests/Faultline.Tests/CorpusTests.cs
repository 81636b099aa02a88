namespace Faultline.Tests;

public class CorpusTests
{
    [Fact]
    public void RepositoryRootIsFound() => Assert.True(File.Exists(Path.Combine(Corpus.RepoRoot, "Faultline.slnx")));
}
