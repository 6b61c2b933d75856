using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace InstaIntel.Node.Observability;

/// <summary>
/// Scrubs every event before the real sink sees it: the message template (an interpolated string puts secrets there),
/// every property value (recursively; properties with secret names are masked whole), and the exception text.
/// </summary>
public sealed class LogScrubbingSink(ILogEventSink inner) : ILogEventSink, IDisposable
{
    private static readonly MessageTemplateParser Parser = new();
    private static readonly ScalarValue Masked = new(LogScrubber.Mask);

    public void Emit(LogEvent logEvent) => inner.Emit(Scrub(logEvent));

    public static LogEvent Scrub(LogEvent logEvent)
    {
        var text = logEvent.MessageTemplate.Text;
        var scrubbedText = LogScrubber.Scrub(text);
        var template = ReferenceEquals(text, scrubbedText) || text == scrubbedText ? logEvent.MessageTemplate : Parser.Parse(scrubbedText);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, ScrubProperty(p.Key, p.Value)));
        return new LogEvent(logEvent.Timestamp, logEvent.Level, ScrubbedException.Wrap(logEvent.Exception), template, properties,
            logEvent.TraceId ?? default, logEvent.SpanId ?? default);
    }

    private static LogEventPropertyValue ScrubProperty(string name, LogEventPropertyValue value) =>
        LogScrubber.IsSecretName(name) && value is not StructureValue and not SequenceValue and not DictionaryValue ? Masked : ScrubValue(value);

    private static LogEventPropertyValue ScrubValue(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } => new ScalarValue(LogScrubber.Scrub(s)),
        ScalarValue { Value: Uri uri } => new ScalarValue(LogScrubber.Scrub(uri.ToString())),
        ScalarValue => value,
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(ScrubValue)),
        StructureValue structure => new StructureValue(
            structure.Properties.Select(p => new LogEventProperty(p.Name, ScrubStructureMember(structure.TypeTag, p.Name, p.Value))),
            structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(pair =>
            new KeyValuePair<ScalarValue, LogEventPropertyValue>(pair.Key, ScrubProperty(pair.Key.Value?.ToString() ?? "", pair.Value)))),
        _ => value,
    };

    // A cookie object's Value is its secret, whatever the type is called beyond "cookie".
    private static LogEventPropertyValue ScrubStructureMember(string? typeTag, string name, LogEventPropertyValue value) =>
        typeTag?.Contains("cookie", StringComparison.OrdinalIgnoreCase) == true && name.Equals("value", StringComparison.OrdinalIgnoreCase)
            ? Masked
            : ScrubProperty(name, value);

    public void Dispose() => (inner as IDisposable)?.Dispose();
}

/// <summary>Stands in for a logged exception: the same type name and stack, with the text scrubbed.</summary>
public sealed class ScrubbedException : Exception
{
    private readonly string _text;

    private ScrubbedException(Exception original, string text) : base(LogScrubber.Scrub(original.Message))
    {
        _text = text;
        OriginalType = original.GetType();
    }

    public Type OriginalType { get; }

    public static Exception? Wrap(Exception? exception)
    {
        if (exception is null or ScrubbedException) return exception;
        var text = exception.ToString();
        var scrubbed = LogScrubber.Scrub(text);
        return scrubbed == text ? exception : new ScrubbedException(exception, scrubbed);
    }

    public override string ToString() => _text;
}
