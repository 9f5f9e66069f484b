using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Model;
using Relief.Core.Patients;
using Relief.Fhir.CdsHooks;

namespace Relief.Service.CdsHooks.Cards;

/// <summary>
/// Cards are a projection of <see cref="PatientAssessment.Findings"/> (already most severe first): findings of
/// the same problem (same family, rule and drugs — one per refill in a long record) make one card; the
/// indicator comes from the severity (docs/severity.md); info cards are capped and the rest counted on one
/// card that links to the full assessment. Order hooks see only the findings that involve a draft order
/// being selected or signed, plus per draft what the evidence says of it, and taper guidance for a stop.
/// </summary>
public static class CardBuilder
{
    public const string TopicSystem = "urn:relief:rule";

    public static IReadOnlyList<Card> Build(CdsAssessment result, CardContext context)
    {
        var assessment = result.Assessment;
        return context.Request.Hook == CdsHook.PatientView
            ? PatientView(assessment, context)
            : Orders(result, context);
    }

    private static List<Card> PatientView(PatientAssessment assessment, CardContext context)
    {
        var cards = Problems(assessment.Findings).Select(group => FindingCard(group, context, [])).ToList();
        cards.AddRange(assessment.Medications
            .Where(m => m.Use == MedicationUse.Current && m.Verdict is ReviewVerdict.RecommendedAgainst or ReviewVerdict.Contested)
            .Select(m => EvidenceCard(m, context)));
        return CapInfo(cards, context);
    }

    private static List<Card> Orders(CdsAssessment result, CardContext context)
    {
        var focus = context.Record.FocusReferences;
        var cards = new List<Card>();
        var findings = result.Assessment.Findings.Where(f => f.Facts.Any(fact => focus.Contains(fact.Reference)));
        // A draft's replacement is offered once, on the first (most severe) card about it.
        var offered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in Problems(findings))
        {
            var replacing = result.Alternatives.Where(a => SaferAlternatives.IsUnsafe(group, a.Draft.Reference) && offered.Add(a.Draft.Reference)).ToList();
            cards.Add(FindingCard(group, context, replacing));
        }

        foreach (var draft in context.Record.DraftOrders.Where(d => d.Selected && d.Intent == DraftOrderIntent.Start))
        {
            if (result.Assessment.Medications.FirstOrDefault(m => m.ResourceType == draft.ResourceType && m.ResourceId == draft.Id) is { } review
                && review.Verdict != ReviewVerdict.NotAssessed)
            {
                cards.Add(EvidenceCard(review, context));
            }
        }

        cards.AddRange(result.Tapers.Where(t => !t.Advice.IsEmpty).Select(t => TaperCard(t, context)));
        return [.. cards.OrderByDescending(c => Rank(c.Indicator))];
    }

    /// <summary>Findings grouped by problem, in the order of their most severe member.</summary>
    private static IEnumerable<IReadOnlyList<Finding>> Problems(IEnumerable<Finding> findings)
    {
        var groups = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        var order = new List<List<Finding>>();
        foreach (var finding in findings)
        {
            var key = CardIdentity.ProblemKey(finding);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                order.Add(group);
            }

            group.Add(finding);
        }

        return order;
    }

    /// <param name="replacing">The unsafe drafts this card offers to replace, each with its alternative (order hooks only).</param>
    private static Card FindingCard(IReadOnlyList<Finding> group, CardContext context, IReadOnlyList<DraftAlternative> replacing)
    {
        var finding = group[0];
        var uuid = CardIdentity.Of(context.PatientId, CardIdentity.ProblemKey(finding));
        var suggestions = Suggestions(finding, group, uuid, context);
        suggestions.AddRange(replacing.Select(a => Replacements.Suggestion(a, uuid, context)));
        return new Card
        {
            Uuid = uuid,
            Summary = CardMarkdown.Summary(finding.Title),
            Detail = Detail(group, replacing),
            Indicator = IndicatorOf(finding),
            Source = SourceOf(finding.Sources, finding.RuleId, finding.Family, context),
            Suggestions = suggestions.Count > 0 ? suggestions : null,
            SelectionBehavior = suggestions.Count > 0 ? (suggestions.Any(s => s.Actions.Any(a => a.Type == "delete")) ? "at-most-one" : "any") : null,
            OverrideReasons = finding.Family == FindingFamily.Monitoring ? OverrideReasons.Monitoring
                : finding.Family is FindingFamily.Response or FindingFamily.DataQuality ? OverrideReasons.Review
                : OverrideReasons.Safety,
            Links = Links(context),
        };
    }

    /// <summary>docs/severity.md: contraindicated and major are critical (a major monitoring finding is a warning), moderate a warning, info info.</summary>
    public static string IndicatorOf(Finding finding) => finding.Severity switch
    {
        Severity.Contraindicated => "critical",
        Severity.Major => finding.Family == FindingFamily.Monitoring ? "warning" : "critical",
        Severity.Moderate => "warning",
        _ => "info",
    };

    private static List<Suggestion> Suggestions(Finding finding, IReadOnlyList<Finding> group, string cardUuid, CardContext context)
    {
        var suggestions = new List<Suggestion>();
        var request = context.Request;

        // A missing or overdue test, a urine drug screen, naloxone: order it (one suggestion per order, so the clinician picks).
        foreach (var proposal in group.SelectMany(f => f.Proposals).DistinctBy(p => p.Code))
        {
            var resource = proposal.ResourceType switch
            {
                "ServiceRequest" => ServiceRequests.Build(proposal, context.PatientId, request.Context.UserId, request.Context.EncounterId, finding.Title),
                "MedicationRequest" => MedicationRequests.Build(proposal, context.PatientId, request.Context.UserId, request.Context.EncounterId, finding.Title),
                _ => null,
            };
            if (resource is null)
            {
                continue;
            }

            var label = $"Order {proposal.Display}";
            suggestions.Add(new Suggestion(
                label,
                CardIdentity.V5($"{cardUuid}\norder\n{proposal.Code}"),
                [new CdsAction("create", $"Add a draft order for {proposal.Display} ({Core.Codes.CodeSystems.ShortName(proposal.Code.System)} {proposal.Code.Value})", resource)],
                IsRecommended: finding.Kind != "consider" ? true : null));
        }

        // A contraindicated draft order: remove it.
        if (finding.Severity == Severity.Contraindicated && request.Hook != CdsHook.PatientView)
        {
            foreach (var draft in context.Record.DraftOrders.Where(d => d.Selected && d.Intent == DraftOrderIntent.Start
                && group.Any(f => f.Facts.Any(fact => fact.Reference == d.Reference))))
            {
                suggestions.Add(new Suggestion(
                    $"Remove the draft order for {draft.Display}",
                    CardIdentity.V5($"{cardUuid}\ndelete\n{draft.Reference}"),
                    [new CdsAction("delete", $"Delete the draft {draft.ResourceType} for {draft.Display}", ResourceId: draft.Reference)],
                    IsRecommended: true));
            }
        }

        return suggestions;
    }

    private static Card EvidenceCard(MedicationReview review, CardContext context)
    {
        var against = review.Verdict == ReviewVerdict.RecommendedAgainst;
        var words = review.Verdict switch
        {
            ReviewVerdict.RecommendedAgainst => "recommended against",
            ReviewVerdict.Contested => "sources disagree",
            ReviewVerdict.Supported => "recommended",
            ReviewVerdict.Unproven => "evidence insufficient",
            _ => "no evidence for this patient's conditions",
        };
        var conditions = string.Join(", ", review.Findings.Select(f => f.ConditionName).Distinct(StringComparer.Ordinal));
        var summary = conditions.Length > 0 ? $"{review.Display}: {words} for {conditions}" : $"{review.Display}: {words}";
        var detail = new StringBuilder();
        foreach (var finding in review.Findings)
        {
            var e = finding.Evidence;
            detail.Append("- **").Append(CardMarkdown.Escape(finding.ConditionName)).Append("**, ")
                .Append(CardMarkdown.Escape(e.Grade.ToWireName()))
                .Append(e.Line is { } line ? $", line {line}" : "")
                .Append(": ").Append(CardMarkdown.Escape(e.Summary))
                .Append(" (").Append(CardMarkdown.Escape(e.SourceLabel)).Append(", ").Append(e.Year.ToString(CultureInfo.InvariantCulture)).AppendLine(")");
        }

        Disclaimer(detail);
        var sources = review.Findings.Select(f => new SourceCitation(f.Evidence.SourceId, f.Evidence.Citation, f.Evidence.Year) { Label = f.Evidence.SourceLabel })
            .DistinctBy(s => s.Id).ToImmutableArray();
        return new Card
        {
            Uuid = CardIdentity.Of(context.PatientId, $"evidence|{string.Join(",", review.Ingredients.Select(i => i.DrugId).Order(StringComparer.Ordinal))}"),
            Summary = CardMarkdown.Summary(summary),
            Detail = detail.ToString(),
            Indicator = against ? "warning" : "info",
            Source = SourceOf(sources, $"evidence:{string.Join(",", review.Ingredients.Select(i => i.DrugId))}", null, context),
            OverrideReasons = OverrideReasons.Review,
            Links = Links(context),
        };
    }

    private static Card TaperCard(DraftOrderTaper taper, CardContext context)
    {
        var needed = taper.Advice.Any(a => a.Gradual == GradualWithdrawal.Needed);
        var detail = new StringBuilder();
        foreach (var advice in taper.Advice)
        {
            detail.AppendLine(CardMarkdown.Escape(advice.Text)).AppendLine();
            if (advice.MinDays is { } min)
            {
                detail.Append("- Shortest taper: ").Append(min.ToString(CultureInfo.InvariantCulture)).AppendLine(" days");
            }

            if (advice.DaysOfUse is { } days)
            {
                detail.Append("- Taken for: ").Append(days.ToString(CultureInfo.InvariantCulture)).AppendLine(" days");
            }

            foreach (var reason in advice.Reasons)
            {
                detail.Append("- ").AppendLine(CardMarkdown.Escape(reason));
            }

            detail.AppendLine();
        }

        var sources = taper.Advice.SelectMany(a => a.Sources).DistinctBy(s => s.Id).ToImmutableArray();
        Sources(detail, sources);
        Disclaimer(detail);
        var rule = taper.Advice[0].RuleId;
        return new Card
        {
            Uuid = CardIdentity.Of(context.PatientId, $"taper|{rule}|{taper.Order.Reference}"),
            Summary = CardMarkdown.Summary(needed ? $"Stopping {taper.Order.Display}: taper gradually" : $"Stopping {taper.Order.Display}: how to taper"),
            Detail = detail.ToString(),
            Indicator = needed ? "warning" : "info",
            Source = SourceOf(sources, rule, FindingFamily.Taper, context),
            OverrideReasons = OverrideReasons.Review,
            Links = Links(context),
        };
    }

    private static string Detail(IReadOnlyList<Finding> group, IReadOnlyList<DraftAlternative> replacing)
    {
        var finding = group[0];
        var text = new StringBuilder(512);
        if (finding.Why.Length > 0)
        {
            text.AppendLine(CardMarkdown.Escape(finding.Why)).AppendLine();
        }

        if (finding.Action.Length > 0)
        {
            text.Append("**What to do:** ").AppendLine(CardMarkdown.Escape(finding.Action)).AppendLine();
        }

        var facts = group.SelectMany(f => f.Facts).DistinctBy(f => f.Reference).ToList();
        if (facts.Count > 0)
        {
            text.AppendLine("**This patient:**");
            foreach (var fact in facts.Take(8))
            {
                text.Append("- ").Append(CardMarkdown.Escape(fact.Display));
                if (fact.Value is { } value)
                {
                    text.Append(": ").Append(value.ToString("0.##", CultureInfo.InvariantCulture)).Append(fact.Unit is null ? "" : " " + CardMarkdown.Escape(fact.Unit));
                }

                var about = new[] { fact.Role, fact.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }.Where(s => !string.IsNullOrEmpty(s));
                var said = string.Join(", ", about);
                text.AppendLine(said.Length > 0 ? $" ({CardMarkdown.Escape(said)})" : "");
            }

            if (facts.Count > 8)
            {
                text.Append("- … and ").Append(facts.Count - 8).AppendLine(" more in the full assessment");
            }

            text.AppendLine();
        }

        foreach (var computed in finding.Computed)
        {
            text.Append("**").Append(CardMarkdown.Escape(computed.Name)).Append(":** ")
                .Append(computed.Value.ToString("0.##", CultureInfo.InvariantCulture)).Append(' ').Append(CardMarkdown.Escape(computed.Unit))
                .Append(" (").Append(CardMarkdown.Escape(computed.Method)).AppendLine(")").AppendLine();
        }

        foreach (var note in finding.Notes)
        {
            text.Append("*Note:* ").AppendLine(CardMarkdown.Escape(note)).AppendLine();
        }

        foreach (var alternative in replacing)
        {
            Replacements.Describe(text, alternative);
        }

        Sources(text, finding.Sources);
        Disclaimer(text);
        return text.ToString();
    }

    private static void Sources(StringBuilder text, ImmutableArray<SourceCitation> sources)
    {
        if (sources.IsEmpty)
        {
            return;
        }

        text.Append("**Source:** ").AppendLine(string.Join("; ", sources.Select(s => $"{CardMarkdown.Escape(s.Citation)} ({s.Year})"))).AppendLine();
    }

    private static void Disclaimer(StringBuilder text) => text.Append('*').Append(CardMarkdown.Escape(PatientAssessment.Disclaimer)).Append('*');

    private static CardSource SourceOf(ImmutableArray<SourceCitation> sources, string ruleId, FindingFamily? family, CardContext context)
    {
        var first = sources.IsEmpty ? null : sources[0];
        var url = first is not null && context.Knowledge.Sources.TryGetValue(first.Id, out var source)
            && Uri.TryCreate(source.Url, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http"
            ? absolute.AbsoluteUri
            : null;
        var label = first is null ? "Relief" : $"Relief: {first.Label}";
        return new CardSource(label, url, new CdsCoding(TopicSystem, ruleId, family is { } f ? Core.Knowledge.WireName.Of(f) : "evidence"));
    }

    private static IReadOnlyList<CardLink> Links(CardContext context)
    {
        var links = new List<CardLink> { new("Full assessment in Relief", context.AssessmentUrl, "absolute") };
        if (context.SmartLaunchUrl is { } launch)
        {
            links.Add(new CardLink("Open Relief (SMART app)", launch, "smart", $"{{\"patientId\":\"{context.PatientId}\"}}"));
        }

        return links;
    }

    private static List<Card> CapInfo(List<Card> cards, CardContext context)
    {
        var ordered = cards.OrderByDescending(c => Rank(c.Indicator)).ToList();
        var info = ordered.Where(c => c.Indicator == "info").ToList();
        if (info.Count <= context.MaxInfoCards)
        {
            return ordered;
        }

        var kept = ordered.Where(c => c.Indicator != "info").Concat(info.Take(context.MaxInfoCards)).ToList();
        var more = info.Count - context.MaxInfoCards;
        kept.Add(new Card
        {
            Uuid = CardIdentity.Of(context.PatientId, "more-info"),
            Summary = $"{more} more informational finding{(more == 1 ? "" : "s")} in the full assessment",
            Detail = $"Relief found {more} more item{(more == 1 ? "" : "s")} worth knowing (tests to consider, treatments that are working, data it could not judge). Open the full assessment to see them.\n\n*{CardMarkdown.Escape(PatientAssessment.Disclaimer)}*",
            Indicator = "info",
            Source = new CardSource("Relief"),
            Links = Links(context),
        });
        return kept;
    }

    private static int Rank(string indicator) => indicator switch
    {
        "critical" => 2,
        "warning" => 1,
        _ => 0,
    };
}
