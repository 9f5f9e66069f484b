using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Relief.Store.Model;

namespace Relief.Store.Application;

public sealed partial class FollowUpStore
{
    /// <summary>Adds a patient goal; a target must name a known instrument and a value in its range.</summary>
    public async Task<StoreResult<GoalView>> AddGoalAsync(string patientId, GoalInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<StoreError>();
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            errors.Add(new StoreError("text", "is required (the goal in the patient's words)"));
        }
        else if (input.Text.Trim().Length > 1000)
        {
            errors.Add(new StoreError("text", "longer than 1000 characters"));
        }

        if (input.Start.ToDateTime(TimeOnly.MinValue) > Now.Date.AddDays(1))
        {
            errors.Add(new StoreError("start", $"{input.Start:yyyy-MM-dd} is in the future"));
        }

        if (input.DueDate is { } due && due < input.Start)
        {
            errors.Add(new StoreError("due", $"{due:yyyy-MM-dd} is before the start {input.Start:yyyy-MM-dd}"));
        }

        var instrument = CheckTarget(errors, input);
        if (errors.Count > 0)
        {
            return StoreResult<GoalView>.Invalid(errors);
        }

        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return StoreResult<GoalView>.NotFound($"patient {patientId}");
        }

        var now = Now;
        var goal = new PatientGoal
        {
            PatientId = patientId,
            RecordedAt = now,
            RecordedBy = actor,
            Text = input.Text.Trim(),
            InstrumentId = instrument?.Id,
            MeasureCode = instrument?.Code?.ToString(),
            TargetComparator = instrument is null ? null : input.Comparator ?? (instrument.LowerIsBetter ? "<=" : ">="),
            TargetValue = instrument is null ? null : input.TargetValue,
            Start = input.Start,
            DueDate = input.DueDate,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        };
        db.Goals.Add(goal);
        await db.SaveChangesAsync(cancellationToken);
        Audit(db, now, actor, "create", patientId, nameof(PatientGoal), goal.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StoreResult<GoalView>.Ok(GoalViewOf(goal));
    }

    /// <summary>A patient's current goals: active and proposed first, then by start (newest first).</summary>
    public async Task<StoreResult<ImmutableArray<GoalView>>> GoalsAsync(string patientId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return StoreResult<ImmutableArray<GoalView>>.NotFound($"patient {patientId}");
        }

        var goals = await db.Goals.AsNoTracking().Where(g => g.PatientId == patientId && g.Status == EntryStatus.Current).ToListAsync(cancellationToken);
        await AuditReadAsync(db, actor, patientId, nameof(PatientGoal), null, cancellationToken);
        return StoreResult<ImmutableArray<GoalView>>.Ok(OrderGoals(goals));
    }

    /// <summary>Whose goal this is, or null: an access check before a write.</summary>
    public async Task<string?> GoalOwnerAsync(long goalId, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        return await db.Goals.AsNoTracking().Where(g => g.Id == goalId).Select(g => g.PatientId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Changes a goal's lifecycle and/or achievement status; the goal's version must be the one the caller read.</summary>
    public async Task<StoreResult<GoalView>> UpdateGoalStatusAsync(long goalId, int expectedVersion, GoalStatusInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<StoreError>();
        if (input.Lifecycle is null && input.Achievement is null)
        {
            errors.Add(new StoreError("status", "give a lifecycle status, an achievement status or both"));
        }

        if (input.Lifecycle is { } lifecycle && !GoalStatus.Lifecycles.Contains(lifecycle))
        {
            errors.Add(new StoreError("lifecycle", $"'{lifecycle}' is not one of {string.Join(", ", GoalStatus.Lifecycles)}"));
        }

        if (input.Achievement is { } achievement && !GoalStatus.Achievements.Contains(achievement))
        {
            errors.Add(new StoreError("achievement", $"'{achievement}' is not one of {string.Join(", ", GoalStatus.Achievements)}"));
        }

        if (errors.Count > 0)
        {
            return StoreResult<GoalView>.Invalid(errors);
        }

        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var goal = await db.Goals.FirstOrDefaultAsync(g => g.Id == goalId && g.Status == EntryStatus.Current, cancellationToken);
        if (goal is null)
        {
            return StoreResult<GoalView>.NotFound($"goal {goalId}");
        }

        if (goal.Version != expectedVersion)
        {
            return StoreResult<GoalView>.Conflict($"goal {goalId} is at version {goal.Version}, not {expectedVersion}: read it again");
        }

        var now = Now;
        var fields = new List<string>();
        var previous = JsonSerializer.Serialize(GoalViewOf(goal));
        if (input.Lifecycle is { } newLifecycle && newLifecycle != goal.Lifecycle)
        {
            goal.Lifecycle = newLifecycle;
            fields.Add(nameof(PatientGoal.Lifecycle));
        }

        if (input.Achievement is { } newAchievement && newAchievement != goal.Achievement)
        {
            goal.Achievement = newAchievement;
            fields.Add(nameof(PatientGoal.Achievement));
        }

        if (fields.Count == 0)
        {
            return StoreResult<GoalView>.Ok(GoalViewOf(goal));
        }

        db.Amendments.Add(new Amendment
        {
            PatientId = goal.PatientId,
            EntityType = nameof(PatientGoal),
            EntityId = goal.Id,
            ReplacedVersion = goal.Version,
            ChangedAt = now,
            ChangedBy = actor,
            Reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim(),
            ChangedFields = string.Join(',', fields),
            PreviousJson = previous,
        });
        goal.Version++;
        Audit(db, now, actor, "update", goal.PatientId, nameof(PatientGoal), goal.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StoreResult<GoalView>.Conflict($"goal {goalId} was changed by someone else: read it again");
        }

        return StoreResult<GoalView>.Ok(GoalViewOf(goal));
    }

    private Knowledge.Instrument? CheckTarget(List<StoreError> errors, GoalInput input)
    {
        if (input.InstrumentId is null)
        {
            if (input.TargetValue is not null || input.Comparator is not null)
            {
                errors.Add(new StoreError("instrument", "a target value needs the instrument it is measured on"));
            }

            return null;
        }

        if (!FollowUp.InstrumentsById.TryGetValue(input.InstrumentId, out var instrument))
        {
            errors.Add(new StoreError("instrument", $"unknown instrument '{input.InstrumentId}' (one of {string.Join(", ", FollowUp.InstrumentsById.Keys.Order(StringComparer.Ordinal))})"));
            return null;
        }

        if (input.TargetValue is not { } value)
        {
            errors.Add(new StoreError("target", $"a goal on {instrument.Name} needs a target value ({instrument.RangeText})"));
        }
        else if (!instrument.Accepts(value))
        {
            errors.Add(new StoreError("target", $"{value.ToString(CultureInfo.InvariantCulture)} is outside {instrument.Name}'s range ({instrument.RangeText})"));
        }

        if (input.Comparator is { } comparator && !GoalStatus.Comparators.Contains(comparator))
        {
            errors.Add(new StoreError("comparator", $"'{comparator}' is not <= or >="));
        }

        return instrument;
    }

    internal ImmutableArray<GoalView> OrderGoals(IEnumerable<PatientGoal> goals) =>
        [.. goals.OrderBy(g => g.Lifecycle is "active" or "proposed" ? 0 : 1).ThenByDescending(g => g.Start).ThenByDescending(g => g.Id).Select(GoalViewOf)];

    internal GoalView GoalViewOf(PatientGoal g) => new GoalView
    {
        Id = g.Id,
        Text = g.Text,
        InstrumentId = g.InstrumentId,
        InstrumentName = g.InstrumentId is { } id && FollowUp.InstrumentsById.TryGetValue(id, out var instrument) ? instrument.Name : g.InstrumentId,
        MeasureCode = g.MeasureCode,
        Comparator = g.TargetComparator,
        TargetValue = g.TargetValue,
        Start = g.Start,
        DueDate = g.DueDate,
        Lifecycle = g.Lifecycle,
        Achievement = g.Achievement,
        Note = g.Note,
        Version = g.Version,
    };
}
