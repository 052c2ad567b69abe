using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using AngleSharp.Dom;

namespace SignalGen.StockHosts.Tests.Http;

/// <summary>
/// What a browser does for these flows, over HttpClient: one cookie jar, redirects followed hop by hop (a GET after
/// 301/302/303), forms posted with their hidden fields (antiforgery token, Blazor's _handler), and JSON for the API.
/// Every request carries the flow's tag, which the app's journal writes beside each signal. One connection at a time,
/// so the journal's mark request runs after everything this browser asked before it had completed.
/// </summary>
public sealed class HttpBrowser : IDisposable
{
    public const string TagHeader = "X-StockHosts-Test";
    private const int MaxRedirects = 10;
    private readonly HttpClient _client;

    public HttpBrowser(Uri baseAddress, string tag, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            MaxConnectionsPerServer = 1,
        };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        _client.DefaultRequestHeaders.Add(TagHeader, tag);
    }

    /// <summary>The bearer token sent with API requests, once logged in with one.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The refresh token that came with <see cref="BearerToken"/>.</summary>
    public string? RefreshToken { get; set; }

    public Task<HtmlPage> GetAsync(string url, CancellationToken cancellationToken) => GetAsync(new Uri(_client.BaseAddress!, url), cancellationToken);

    public Task<HtmlPage> GetAsync(Uri url, CancellationToken cancellationToken) =>
        FollowAsync(new HttpRequestMessage(HttpMethod.Get, url), [], cancellationToken);

    /// <summary>Submits <paramref name="form"/> with <paramref name="values"/> over its own fields, pressing <paramref name="submitter"/>.</summary>
    public Task<HtmlPage> SubmitAsync(HtmlForm form, IReadOnlyDictionary<string, string> values, IElement? submitter, CancellationToken cancellationToken)
    {
        var fields = form.Fields(submitter);
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(field => field.Key == name);
            fields.Add(new(name, value));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, form.Action(submitter)) { Content = new FormUrlEncodedContent(fields) };
        return FollowAsync(request, [], cancellationToken);
    }

    /// <summary>Submits <paramref name="form"/> and stops at the first redirect: the address it sends the browser to.</summary>
    public async Task<Uri> SubmitForRedirectAsync(HtmlForm form, IReadOnlyDictionary<string, string> values, IElement? submitter, CancellationToken cancellationToken)
    {
        var fields = form.Fields(submitter);
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(field => field.Key == name);
            fields.Add(new(name, value));
        }

        var action = form.Action(submitter);
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) }, cancellationToken);
        return IsRedirect(response.StatusCode) && response.Headers.Location is { } location
            ? new Uri(action, location)
            : throw new InvalidOperationException($"POST {action} answered {(int)response.StatusCode}, not a redirect: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>An API call with a JSON body (or none), with the bearer token when there is one and <paramref name="withToken"/>.</summary>
    public async Task<ApiResponse> SendJsonAsync(HttpMethod method, string url, object? body, CancellationToken cancellationToken, bool withToken = true)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (BearerToken is not null && withToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
        }

        using var response = await _client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true && text.Length > 0 ? JsonNode.Parse(text) : null;
        return new ApiResponse(method + " " + url, response.StatusCode, text, json);
    }

    /// <summary>Asks the app to write a mark into the journal, on this browser's connection, and waits for the answer.</summary>
    public async Task MarkAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync("/stockhosts/mark?id=" + Uri.EscapeDataString(id), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _client.Dispose();

    private async Task<HtmlPage> FollowAsync(HttpRequestMessage request, List<Uri> redirects, CancellationToken cancellationToken)
    {
        while (true)
        {
            var url = request.RequestUri!;
            using var response = await _client.SendAsync(request, cancellationToken);
            request.Dispose();
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                if (redirects.Count == MaxRedirects)
                {
                    throw new InvalidOperationException("Too many redirects: " + string.Join(" -> ", redirects));
                }

                var next = new Uri(url, location);
                redirects.Add(next);
                request = new HttpRequestMessage(HttpMethod.Get, next);
                continue;
            }

            return new HtmlPage(url, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), redirects.ToList());
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther;
}

/// <summary>An API answer: status, body, and the body as JSON when it is JSON.</summary>
public sealed record ApiResponse(string Request, HttpStatusCode Status, string Text, JsonNode? Json)
{
    public override string ToString() => $"{Request} -> {(int)Status} {Text}";
}
