using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SignalGen.StockHosts.Tests.Hosts;
using Xunit;
using static SignalGen.StockHosts.Tests.Flows.ExpectedSignal;

namespace SignalGen.StockHosts.Tests.Flows;

/// <summary>What only the Blazor template has: its no-op e-mail sender's confirmation link on the page, and passkeys.</summary>
public static class BlazorOnlyFlows
{
    public static IEnumerable<FlowDefinition> All =>
    [
        new(HostKind.Blazor, "register-and-confirm-with-the-no-op-sender", NoOpSenderAsync, CapturesMail: false),
    ];

    /// <summary>
    /// The template's own IdentityNoOpEmailSender sends nothing anywhere, and its RegisterConfirmation page makes a
    /// new token on the GET to show the link: the register POST sends EmailConfirmationSent, the page's GET nothing.
    /// </summary>
    private static async Task NoOpSenderAsync(FlowSession session)
    {
        var pages = new BlazorAccountPages();
        var browser = session.NewBrowser();
        var email = FlowSession.NewEmail("no-op-sender");
        Http.HtmlPage confirmation = null!;
        var signals = await session.StepAsync(FlowRow.RegisterWithNoOpSender, browser, async () => confirmation = await pages.RegisterAsync(browser, email, UiFlows.Password, session.Cancellation));
        var user = signals.UserOfFirst();
        signals.Are(UserSignedUp(user), EmailConfirmationSent(new AddressRef(user.Id, email, Verified: false, Primary: true), signup: true));

        var link = confirmation.Link("Click here to confirm your account");
        (await session.StepAsync(FlowRow.ConfirmEmail, browser, () => pages.ConfirmAsync(browser, link.ToString(), session.Cancellation)))
            .Are(EmailConfirmed(new AddressRef(user.Id, email, Verified: true, Primary: true)));
        await UiFlows.LogInAsync(session, pages, browser, user);
    }
}
