using Vtr.Cli.Commands;

namespace Vtr.Client.Cli.Tests.Commands;

public sealed class TokenSourceTests
{
    [Fact]
    public void The_token_comes_from_the_option_else_from_VTR_TOKEN_else_it_is_off()
    {
        var before = Environment.GetEnvironmentVariable(TokenSource.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(TokenSource.EnvironmentVariable, "from-environment");
            Assert.Equal("from-option", TokenSource.Resolve("from-option"));
            Assert.Equal("from-environment", TokenSource.Resolve(""));
            Assert.Equal("from-environment", TokenSource.Resolve(null));

            Environment.SetEnvironmentVariable(TokenSource.EnvironmentVariable, null);
            Assert.Equal("", TokenSource.Resolve(""));
        }
        finally
        {
            Environment.SetEnvironmentVariable(TokenSource.EnvironmentVariable, before);
        }
    }
}
