using Vtr.Node.Sessions;

namespace Vtr.Node.MacEncoder.Tests.Sessions;

public sealed class TokenCheckTests
{
    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "anything", true)]
    [InlineData("s3cret", "s3cret", true)]
    [InlineData("s3cret", "s3cre", false)]
    [InlineData("s3cret", "s3cret!", false)]
    [InlineData("s3cret", "S3cret", false)]
    [InlineData("s3cret", "", false)]
    public void Only_the_exact_token_passes_when_auth_is_on(string expected, string offered, bool accepted) =>
        Assert.Equal(accepted, TokenCheck.Accepts(expected, offered));
}
