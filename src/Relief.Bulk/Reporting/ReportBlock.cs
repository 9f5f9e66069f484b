namespace Relief.Bulk.Reporting;

/// <summary>The report as content, rendered twice: to Markdown (charts as SVG files beside it) and to HTML (charts inline).</summary>
public abstract record ReportBlock;

public sealed record Heading(int Level, string Text) : ReportBlock;

public sealed record Paragraph(string Text) : ReportBlock;

/// <summary>A table; <paramref name="NumericColumns"/> are right-aligned.</summary>
public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlySet<int> NumericColumns) : ReportBlock;

/// <summary>A horizontal bar chart; <paramref name="Name"/> names its SVG file.</summary>
public sealed record BarChart(string Name, string Title, IReadOnlyList<Bar> Bars) : ReportBlock;

public sealed record Bar(string Label, long Value, string Colour);
