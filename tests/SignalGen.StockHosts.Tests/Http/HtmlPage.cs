using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SignalGen.StockHosts.Tests.Http;

/// <summary>A page as the browser got it: where it ended up after redirects, its status and its parsed HTML.</summary>
public sealed class HtmlPage
{
    private static readonly HtmlParser Parser = new();

    public HtmlPage(Uri url, HttpStatusCode status, string html, IReadOnlyList<Uri> redirects)
    {
        Url = url;
        Status = status;
        Html = html;
        Redirects = redirects;
        Document = Parser.ParseDocument(html);
    }

    public Uri Url { get; }

    public HttpStatusCode Status { get; }

    public string Html { get; }

    /// <summary>The addresses the browser was sent to on the way here, in order.</summary>
    public IReadOnlyList<Uri> Redirects { get; }

    public IHtmlDocument Document { get; }

    /// <summary>The address relative links resolve against: the page's &lt;base href&gt; (Blazor's is "/"), else the page.</summary>
    public Uri BaseUrl =>
        Document.QuerySelector("base[href]")?.GetAttribute("href") is { } href ? new Uri(Url, href) : Url;

    /// <summary>The one form that matches <paramref name="predicate"/>; fails, showing the page, when there is none or several.</summary>
    public HtmlForm Form(string description, Func<IHtmlFormElement, bool> predicate)
    {
        var forms = Document.Forms.Where(predicate).ToList();
        return forms.Count == 1
            ? new HtmlForm(this, forms[0])
            : throw new InvalidOperationException($"Expected one form {description} on {Url} ({(int)Status}), found {forms.Count}:{Environment.NewLine}{Text}");
    }

    /// <summary>The form holding a field named <paramref name="name"/>.</summary>
    public HtmlForm FormWithField(string name) =>
        Form($"with a field '{name}'", form => form.Elements.Any(element => element.GetAttribute("name") == name));

    /// <summary>The form holding a field <paramref name="name"/> whose value is <paramref name="value"/>.</summary>
    public HtmlForm FormWithFieldValue(string name, string value) =>
        Form($"with '{name}' = '{value}'", form => form.Elements.Any(element => element.GetAttribute("name") == name && element.GetAttribute("value") == value));

    /// <summary>A Blazor static form, named by its hidden _handler field.</summary>
    public HtmlForm BlazorForm(string handler) =>
        Form($"with _handler '{handler}'", form => form.QuerySelectorAll("input[name=_handler]").Any(input => input.GetAttribute("value") == handler));

    /// <summary>The form posting to an address whose path ends with <paramref name="path"/> (query ignored).</summary>
    public HtmlForm FormPostingTo(string path) =>
        Form($"posting to '{path}'", form => form.GetAttribute("action") is { } action
            && new Uri(BaseUrl, action).AbsolutePath.EndsWith(path, StringComparison.OrdinalIgnoreCase));

    /// <summary>The form with a submit button whose text contains <paramref name="text"/>.</summary>
    public HtmlForm FormWithButton(string text) =>
        Form($"with a button '{text}'", form => form.QuerySelectorAll("button").Any(button => button.TextContent.Contains(text, StringComparison.Ordinal)));

    /// <summary>The href of the one link whose text contains <paramref name="text"/>.</summary>
    public Uri Link(string text)
    {
        var links = Document.QuerySelectorAll("a[href]").Where(link => link.TextContent.Contains(text, StringComparison.Ordinal)).ToList();
        return links.Count == 1
            ? new Uri(BaseUrl, links[0].GetAttribute("href")!)
            : throw new InvalidOperationException($"Expected one link with '{text}' on {Url}, found {links.Count}:{Environment.NewLine}{Text}");
    }

    /// <summary>The page's visible text, compact, for assertion messages.</summary>
    public string Text => string.Join(' ', (Document.Body?.TextContent ?? Html).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public IElement? Find(string selector) => Document.QuerySelector(selector);
}

/// <summary>A form of a page, submitted as a browser submits it: every successful control, then the values given.</summary>
public sealed class HtmlForm(HtmlPage page, IHtmlFormElement form)
{
    /// <summary>Where a submit with <paramref name="submitter"/> (or none) posts.</summary>
    public Uri Action(IElement? submitter = null)
    {
        var action = submitter?.GetAttribute("formaction") ?? form.GetAttribute("action");
        return string.IsNullOrEmpty(action) ? page.Url : new Uri(page.BaseUrl, action);
    }

    /// <summary>The fields a browser sends: inputs with a name (checked ones for checkboxes and radios), selects, text areas.</summary>
    public List<KeyValuePair<string, string>> Fields(IElement? submitter)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.HasAttribute("checked"))
                    {
                        fields.Add(new(name, input.GetAttribute("value") ?? "on"));
                    }

                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button" or "image" or "reset" or "file":
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.GetAttribute("value") ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.TextContent));
                    break;
                case IHtmlSelectElement select:
                    var option = select.Options.FirstOrDefault(o => o.HasAttribute("selected")) ?? select.Options.FirstOrDefault();
                    if (option is not null)
                    {
                        fields.Add(new(name, option.GetAttribute("value") ?? option.TextContent));
                    }

                    break;
            }
        }

        if (submitter?.GetAttribute("name") is { Length: > 0 } submitterName)
        {
            fields.Add(new(submitterName, submitter.GetAttribute("value") ?? ""));
        }

        return fields;
    }

    /// <summary>The submit button whose name and value (or text) match; null picks none, as pressing Enter in a field does.</summary>
    public IElement Button(string? name = null, string? value = null, string? text = null)
    {
        var buttons = form.QuerySelectorAll("button, input[type=submit]")
            .Where(button => (button.GetAttribute("type") ?? "submit") == "submit")
            .Where(button => name is null || button.GetAttribute("name") == name)
            .Where(button => value is null || button.GetAttribute("value") == value)
            .Where(button => text is null || button.TextContent.Contains(text, StringComparison.Ordinal))
            .ToList();
        return buttons.Count == 1
            ? buttons[0]
            : throw new InvalidOperationException($"Expected one submit button (name {name}, value {value}, text {text}) in a form of {page.Url}, found {buttons.Count}:{Environment.NewLine}{form.OuterHtml}");
    }
}
