using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Relief.Core.Codes;
using Relief.Store.Knowledge;
using Relief.Store.Model;
using Relief.Store.Records;
using Code = Relief.Core.Codes.Code;
using PatientGoalStatus = Relief.Store.Model.GoalStatus;

namespace Relief.Store.Export;

/// <summary>
/// A stored patient as a FHIR R4 collection Bundle, built with the Firely SDK: Patient, Conditions,
/// MedicationStatements (courses with their latest dose and stop reason), Observations (instrument scores and
/// diary ratings with LOINC or the local code system and UCUM {score}; labs with their LOINC and UCUM units),
/// AdverseEvents (severity, suspected drug) and QuestionnaireResponses rebuilt from the scored answers.
/// </summary>
internal sealed class PatientExporter(FollowUpKnowledge followUp)
{
    private const string Ucum = "http://unitsofmeasure.org";
    private const string ScoreUnit = "{score}";

    public string Export(StoredHistory history, DateTime now)
    {
        var events = history.AdverseEvents;
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = new DateTimeOffset(now, TimeSpan.Zero), Id = $"relief-export-{history.Patient.Id}" };
        var patientRef = new ResourceReference($"Patient/{history.Patient.Id}");
        Add(bundle, PatientResource(history.Patient));
        foreach (var c in history.Conditions)
        {
            Add(bundle, new Condition
            {
                Id = Id(c.SourceResource, "condition", c.Id),
                Subject = patientRef,
                Code = Concept(c.Codes, c.Text),
                ClinicalStatus = StatusConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", c.ClinicalStatus, ["active", "recurrence", "relapse", "inactive", "remission", "resolved"]),
                VerificationStatus = StatusConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", c.VerificationStatus, ["unconfirmed", "provisional", "differential", "confirmed", "refuted", "entered-in-error"]),
                Onset = c.Onset is { } onset ? new FhirDateTime(onset.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
                Identifier = [StoreIdentifier(EntryIdentifier.Condition, c.Id)],
            });
        }

        foreach (var course in history.Courses)
        {
            Add(bundle, Statement(course, patientRef));
        }

        foreach (var m in history.Measurements.Where(m => !IsQuestionnaire(m)))
        {
            Add(bundle, ScoreObservation($"measurement-{m.Id}", patientRef, Parse(m.Code), m.Value, m.EffectiveAt, "survey", StoreIdentifier(EntryIdentifier.Measurement, m.Id)));
        }

        foreach (var entry in history.Diary)
        {
            foreach (var observation in DiaryObservations(entry, patientRef))
            {
                Add(bundle, observation);
            }
        }

        foreach (var lab in history.Labs)
        {
            Add(bundle, LabObservation(lab, patientRef));
        }

        foreach (var e in events)
        {
            var adverse = new AdverseEvent
            {
                Id = $"adverse-event-{e.Id}",
                Actuality = AdverseEvent.AdverseEventActuality.Actual,
                Subject = patientRef,
                Date = e.Onset.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Event = new CodeableConcept { Text = e.Description },
                Severity = new CodeableConcept("http://terminology.hl7.org/CodeSystem/adverse-event-severity", e.Severity),
                Identifier = StoreIdentifier(EntryIdentifier.AdverseEvent, e.Id),
            };
            if (e.SuspectedCourseId is { } courseId && history.Courses.FirstOrDefault(c => c.Id == courseId) is { } suspected)
            {
                adverse.SuspectEntity.Add(new AdverseEvent.SuspectEntityComponent { Instance = new ResourceReference($"MedicationStatement/{StatementId(suspected)}") { Display = suspected.DrugName } });
            }

            Add(bundle, adverse);
        }

        foreach (var goal in history.Goals)
        {
            Add(bundle, GoalResource(goal, patientRef));
        }

        foreach (var group in history.Measurements.Where(IsQuestionnaire).GroupBy(m => m.SourceResource!))
        {
            var response = Questionnaire(group.Key, group.ToList(), patientRef);
            response.Identifier = new Identifier(EntryIdentifier.System, EntryIdentifier.Value(EntryIdentifier.Questionnaire, group.Key));
            Add(bundle, response);
        }

        return new FhirJsonSerializer().SerializeToString(bundle);
    }

    /// <summary>Adds a resource; a second one with the same id (components of one imported Observation) gets a suffix.</summary>
    private static void Add(Bundle bundle, Resource resource)
    {
        var id = resource.Id;
        for (var n = 2; bundle.Entry.Any(e => e.Resource!.TypeName == resource.TypeName && e.Resource.Id == resource.Id); n++)
        {
            resource.Id = $"{id}-{n}";
        }

        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:relief:{resource.TypeName}/{resource.Id}", Resource = resource });
    }

    /// <summary>A patient goal as FHIR Goal: description, lifecycle and achievement, and the target on its instrument's code.</summary>
    private static Goal GoalResource(PatientGoal g, ResourceReference subject)
    {
        var goal = new Goal
        {
            Id = Id(g.SourceResource, "goal", g.Id),
            LifecycleStatus = EnumUtility.ParseLiteral<Goal.GoalLifecycleStatus>(g.Lifecycle) ?? Goal.GoalLifecycleStatus.Active,
            AchievementStatus = g.Achievement is { } a ? new CodeableConcept(PatientGoalStatus.AchievementSystem, a) : null,
            Description = new CodeableConcept { Text = g.Text },
            Subject = subject,
            Start = new Date(g.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Identifier = [StoreIdentifier(EntryIdentifier.Goal, g.Id)],
        };
        if (g.MeasureCode is { } measure && g.TargetValue is { } value)
        {
            var code = Parse(measure);
            goal.Target.Add(new Goal.TargetComponent
            {
                Measure = new CodeableConcept(code.System, code.Value),
                Detail = new Quantity
                {
                    Value = value,
                    Comparator = g.TargetComparator == ">=" ? Quantity.QuantityComparator.GreaterOrEqual : Quantity.QuantityComparator.LessOrEqual,
                    Unit = ScoreUnit,
                    System = Ucum,
                    Code = ScoreUnit,
                },
                Due = g.DueDate is { } due ? new Date(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
            });
        }
        else if (g.DueDate is { } due)
        {
            goal.Target.Add(new Goal.TargetComponent { Due = new Date(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) });
        }

        if (g.Note is { } note)
        {
            goal.Note.Add(new Annotation { Text = note });
        }

        return goal;
    }

    private static Hl7.Fhir.Model.Patient PatientResource(StoredPatient p)
    {
        var patient = new Hl7.Fhir.Model.Patient
        {
            Id = p.Id,
            BirthDate = p.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Gender = p.Sex switch
            {
                "female" => AdministrativeGender.Female,
                "male" => AdministrativeGender.Male,
                "other" => AdministrativeGender.Other,
                _ => AdministrativeGender.Unknown,
            },
            Identifier = [new Identifier(EntryIdentifier.System, EntryIdentifier.Value(EntryIdentifier.Patient, p.Id))],
        };
        if (p.Name is { } name)
        {
            patient.Name.Add(new HumanName { Text = name });
        }

        return patient;
    }

    private static MedicationStatement Statement(TreatmentCourse course, ResourceReference subject)
    {
        var statement = new MedicationStatement
        {
            Id = StatementId(course),
            Subject = subject,
            Status = course.Use switch
            {
                "past" => course.Stop is null ? MedicationStatement.MedicationStatusCodes.Completed : MedicationStatement.MedicationStatusCodes.Stopped,
                "proposed" => MedicationStatement.MedicationStatusCodes.Intended,
                _ => MedicationStatement.MedicationStatusCodes.Active,
            },
            Medication = Concept(course.DrugCodes, course.DrugName),
            Effective = new Period
            {
                Start = course.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                End = course.Stop?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            Identifier = [StoreIdentifier(EntryIdentifier.Course, course.Id)],
        };
        if (course.StopReason is { } reason)
        {
            statement.StatusReason.Add(new CodeableConcept { Text = reason });
        }

        foreach (var dose in course.DoseChanges.OrderBy(d => d.EffectiveFrom ?? DateOnly.MinValue).ThenBy(d => d.Id).TakeLast(1))
        {
            var dosage = new Dosage { Text = dose.Text, AsNeeded = new FhirBoolean(dose.AsNeeded) };
            if (dose.DoseValue is { } value)
            {
                dosage.DoseAndRate.Add(new Dosage.DoseAndRateComponent { Dose = new Quantity(value, dose.DoseUnit ?? "1") { System = Ucum, Code = dose.DoseUnit } });
            }

            if (dose.Frequency is { } frequency && dose.Period is { } period && dose.PeriodUnit is { } unit)
            {
                dosage.Timing = new Timing
                {
                    Repeat = new Timing.RepeatComponent
                    {
                        Frequency = frequency,
                        Period = period,
                        PeriodUnit = unit switch { "h" => Timing.UnitsOfTime.H, "wk" => Timing.UnitsOfTime.Wk, "mo" => Timing.UnitsOfTime.Mo, _ => Timing.UnitsOfTime.D },
                    },
                };
            }

            statement.Dosage.Add(dosage);
        }

        return statement;
    }

    private IEnumerable<Observation> DiaryObservations(DiaryEntry entry, ResourceReference subject)
    {
        var local = followUp.LocalCodeSystem;
        var identity = StoreIdentifier(EntryIdentifier.Diary, entry.Id);
        if (entry.Pain is { } pain)
        {
            var observation = ScoreObservation($"diary-{entry.Id}-pain", subject, new Code(CodeSystems.Loinc, StoredRecordBuilder.PainNrsLoinc), pain, entry.At, "survey", identity);
            foreach (var site in entry.BodySites.Select(s => followUp.Regions.GetValueOrDefault(s)).Where(s => s?.Code is not null).Take(1))
            {
                observation.BodySite = new CodeableConcept(site!.Code!.Value.System, site.Code.Value.Value, site.Display, site.Name);
            }

            var details = string.Join("; ", new[]
            {
                entry.BodySites.Count > 0 ? "sites: " + string.Join(", ", entry.BodySites) : null,
                entry.PainQualities.Count > 0 ? "qualities: " + string.Join(", ", entry.PainQualities) : null,
                entry.Notes,
            }.Where(s => !string.IsNullOrEmpty(s)));
            if (details.Length > 0)
            {
                observation.Note.Add(new Annotation { Text = new Markdown(details) });
            }

            yield return observation;
        }

        if (entry.Fatigue is { } fatigue)
        {
            yield return ScoreObservation($"diary-{entry.Id}-fatigue", subject, new Code(local, "fatigue-nrs"), fatigue, entry.At, "survey", identity);
        }

        if (entry.Exertion is { } exertion)
        {
            yield return ScoreObservation($"diary-{entry.Id}-exertion", subject, new Code(local, "energy-envelope"), exertion, entry.At, "survey", identity);
        }

        if (entry.SleepHours is { } hours)
        {
            var sleep = ScoreObservation($"diary-{entry.Id}-sleep", subject, new Code(local, "sleep-hours"), hours, entry.At, "survey", identity);
            sleep.Value = new Quantity(hours, "h") { System = Ucum, Code = "h" };
            yield return sleep;
        }

        if (entry.Mood is { } mood)
        {
            yield return ScoreObservation($"diary-{entry.Id}-mood", subject, new Code(local, "mood-nrs"), mood, entry.At, "survey", identity);
        }
    }

    private Observation ScoreObservation(string id, ResourceReference subject, Code code, decimal value, DateTime at, string category, Identifier identity)
    {
        var display = followUp.InstrumentsByCode.TryGetValue(code, out var instrument) ? instrument.Display : null;
        var observation = new Observation
        {
            Id = id,
            Status = ObservationStatus.Final,
            Subject = subject,
            Code = new CodeableConcept(code.System, code.Value, display),
            Effective = new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))),
            Value = new Quantity(value, ScoreUnit) { System = Ucum, Code = ScoreUnit },
            Identifier = [identity],
        };
        observation.Category.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", category));
        return observation;
    }

    private static Observation LabObservation(LabResult lab, ResourceReference subject)
    {
        var observation = new Observation
        {
            Id = Id(lab.SourceResource, "lab", lab.Id),
            Status = Enum.TryParse<ObservationStatus>(lab.FhirStatus, ignoreCase: true, out var status) ? status : ObservationStatus.Final,
            Subject = subject,
            Code = Concept(lab.Codes, lab.Display),
            Effective = lab.Effective is { } d ? new FhirDateTime(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
            Identifier = [StoreIdentifier(EntryIdentifier.Lab, lab.Id)],
        };
        if (lab.Value is { } value)
        {
            observation.Value = new Quantity(value, lab.Unit ?? lab.UnitCode ?? "1") { System = lab.UnitCode is null ? null : Ucum, Code = lab.UnitCode };
        }
        else if (lab.ValueText is { } text)
        {
            observation.Value = new FhirString(text);
        }

        observation.Category.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory"));
        return observation;
    }

    /// <summary>A QuestionnaireResponse rebuilt from the answers the store scored (valid R4, whatever the original's quirks).</summary>
    private QuestionnaireResponse Questionnaire(string source, List<OutcomeMeasurement> answers, ResourceReference subject)
    {
        var questions = followUp.Questionnaires.SelectMany(q => q.Questions).ToList();
        var response = new QuestionnaireResponse
        {
            Id = source.Split('/')[^1],
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = subject,
            Authored = new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(answers[0].EffectiveAt, DateTimeKind.Utc))).Value,
        };
        foreach (var answer in answers)
        {
            var question = questions.FirstOrDefault(q => q.Code.ToString() == answer.Code);
            var coding = answer.AnswerCode is { } a && Code.TryParse(a, out var code) ? code : (Code?)null;
            var display = question?.Answers.FirstOrDefault(x => coding is { } c && x.Code == c)?.Display;
            var item = new QuestionnaireResponse.ItemComponent { LinkId = question?.LinkId ?? answer.Code, Text = question?.Text };
            item.Answer.Add(new QuestionnaireResponse.AnswerComponent
            {
                Value = coding is { } c2 ? new Coding(c2.System, c2.Value, display) : new FhirDecimal(answer.Value),
            });
            response.Item.Add(item);
        }

        return response;
    }

    private bool IsQuestionnaire(OutcomeMeasurement m) => m.SourceResource?.StartsWith("QuestionnaireResponse/", StringComparison.Ordinal) == true;

    private static CodeableConcept Concept(IEnumerable<string> codes, string? text)
    {
        var concept = new CodeableConcept { Text = text };
        foreach (var c in codes)
        {
            if (Code.TryParse(c, out var code))
            {
                concept.Coding.Add(new Coding(code.System, code.Value));
            }
        }

        return concept;
    }

    private static CodeableConcept? StatusConcept(string system, string value, string[] allowed) =>
        allowed.Contains(value) ? new CodeableConcept(system, value) : null;

    private static Code Parse(string text) => Code.TryParse(text, out var code) ? code : new Code("urn:relief:unknown", text);

    /// <summary>The entry's stable identity, matched on re-import so an export never duplicates what the store holds.</summary>
    private static Identifier StoreIdentifier(string kind, long id) => new(EntryIdentifier.System, EntryIdentifier.Value(kind, id));

    private static string StatementId(TreatmentCourse course) => $"course-{course.Id}";

    /// <summary>The imported resource's id when the entry came from one, else a stable store id.</summary>
    private static string Id(string? source, string kind, long id) =>
        source is { } s && s.IndexOf('/') is var slash and > 0 ? s[(slash + 1)..] : $"{kind}-{id}";
}
