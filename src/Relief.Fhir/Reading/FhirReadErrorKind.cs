namespace Relief.Fhir.Reading;

/// <summary>Why a read produced no patient record.</summary>
public enum FhirReadErrorKind
{
    /// <summary>The input has no bytes, or only whitespace.</summary>
    Empty,

    /// <summary>The input is over <see cref="FhirReadOptions.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>No file or directory has the given path.</summary>
    NotFound,

    /// <summary>The file could not be opened or read.</summary>
    Unreadable,

    /// <summary>The bytes are not valid JSON.</summary>
    MalformedJson,

    /// <summary>A complete JSON document is followed by more content (e.g. a stray <c>}</c>).</summary>
    TrailingContent,

    /// <summary>The JSON value is an array, string, number, boolean or null rather than an object.</summary>
    NotAnObject,

    /// <summary>The object is not a FHIR Bundle (another resource, or not a FHIR resource at all).</summary>
    NotABundle,

    /// <summary>The content is FHIR of another version than R4 (DSTU2, STU3, R5).</summary>
    UnsupportedVersion,

    /// <summary>No Patient resource was found.</summary>
    NoPatient,

    /// <summary>More than one distinct Patient: Relief assesses one patient per read.</summary>
    SeveralPatients,
}
