using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>
/// No signal carries a secret: every argument type SignalGen.Identity defines is walked, member by member, for
/// anything named like a password, code, token, key or secret. The request and the user are the app's own objects
/// (allauth hands receivers both too) and are not walked.
/// </summary>
public sealed partial class SignalSecretsTests
{
    /// <summary>Members whose names match but hold no secret, and why.</summary>
    private static readonly Dictionary<string, string> s_notSecrets = new(StringComparer.Ordinal)
    {
        ["Authenticator.RecoveryCodesLeft"] = "how many codes are left, not the codes",
        ["SocialLogin.TokenNames"] = "which tokens the provider issued, not their values",
        ["AuthenticatorUsed.Passwordless"] = "whether the passkey was the only factor",
        ["MfaStep.Passwordless"] = "whether the passkey was the only factor",
    };

    [Fact]
    public void NoArgumentOfAnySignal_HoldsASecret()
    {
        var walked = new HashSet<Type>();
        var found = new List<string>();
        foreach (var signal in SignalTypes())
        {
            Walk(signal, walked, found);
        }

        Assert.Empty(found);

        // The walk reached the argument types it is there for.
        Assert.Superset(
            new HashSet<Type> { typeof(Authenticator), typeof(SocialLogin), typeof(SocialAccount), typeof(EmailConfirmation), typeof(EmailAddress), typeof(MfaStep) },
            walked);
        Assert.Equal(26, SignalTypes().Count());
    }

    [Fact]
    public void TheWalk_FindsASecret()
    {
        var found = new List<string>();

        Walk(typeof(LeakySignal), [], found);

        Assert.Equal(["LeakyArgument.PasswordHash", "LeakySignal.ResetCode"], found.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<Type> SignalTypes() =>
        typeof(EmailAddress).Assembly.GetTypes()
            .Where(type => type.IsValueType && type.GetInterfaces().Any(face => face.FullName == "SignalGen.Identity.ISignal"))
            .Select(type => type.IsGenericTypeDefinition ? type.MakeGenericType(typeof(AppUser)) : type);

    private static void Walk(Type type, HashSet<Type> walked, List<string> found)
    {
        if (!walked.Add(type))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = type.Name.Split('`')[0] + "." + property.Name;
            if (SecretName().IsMatch(property.Name) && !s_notSecrets.ContainsKey(name))
            {
                found.Add(name);
            }

            foreach (var argumentType in Contained(property.PropertyType))
            {
                Walk(argumentType, walked, found);
            }
        }
    }

    /// <summary>The types of this assembly and the test's own a property type holds, directly or in a collection.</summary>
    private static IEnumerable<Type> Contained(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(HttpContext) || type == typeof(HttpResponse) || type == typeof(AppUser))
        {
            yield break;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Contained))
            {
                yield return argument;
            }
        }

        var ours = type.Assembly == typeof(EmailAddress).Assembly || type.Assembly == typeof(SignalSecretsTests).Assembly;
        if (ours && !type.IsEnum && !type.IsGenericType)
        {
            yield return type;
        }

        if (ours && type.IsClass)
        {
            // An abstract argument (AuthenticationStep) is one of its derived records.
            foreach (var derived in type.Assembly.GetTypes().Where(candidate => candidate.IsSubclassOf(type)))
            {
                yield return derived;
            }
        }
    }

    [GeneratedRegex("password|secret|token|key|code|hash|stamp", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    private sealed record LeakyArgument(string Name, string PasswordHash);

    private readonly record struct LeakySignal(LeakyArgument Argument, string ResetCode);
}
