using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BarberPro.Domain.Data;

/// <summary>
/// A compiled query (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, CancellationToken, TResult}})"/>)
/// for each model it meets. EF binds a compiled query to the first model it runs with; the app has one model per
/// database provider, and tests build several, so each gets its own, compiled once.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
