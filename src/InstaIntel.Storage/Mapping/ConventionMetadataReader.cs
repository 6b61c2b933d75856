using System.Reflection;
using InstaIntel.Domain.Common;
using LinqToDB;
using LinqToDB.Mapping;
using LinqToDB.Metadata;

namespace InstaIntel.Storage.Mapping;

/// <summary>
/// Maps the Domain's plain types without attributes: the table from <see cref="EntityTables"/>, each public
/// property to its snake_case column, <c>Id</c> as the identity key, enum members to the seed's strings.
/// </summary>
internal sealed class ConventionMetadataReader(DatabaseEngine engine) : IMetadataReader
{
    public MappingAttribute[] GetAttributes(Type type)
    {
        if (EntityTables.All.TryGetValue(type, out var table))
            return [new TableAttribute(table)];
        return [];
    }

    public MappingAttribute[] GetAttributes(Type type, MemberInfo memberInfo)
    {
        if (type.IsEnum && memberInfo is FieldInfo { IsStatic: true } field)
            return [new MapValueAttribute(SeedString.Of((Enum)field.GetValue(null)!))];

        if (!EntityTables.All.ContainsKey(type) || memberInfo is not PropertyInfo property)
            return [];

        var column = new ColumnAttribute(SeedString.SnakeCase(property.Name));
        if (property.Name == nameof(IEntity.Id))
        {
            column.IsPrimaryKey = true;
            column.IsIdentity = true;
        }
        // A context per call: NullabilityInfoContext is not thread-safe, and linq2db reads mappings from many
        // threads at once (a shared one throws "same key already added" under load). linq2db caches the result.
        column.CanBeNull = new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;
        var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (propertyType.IsEnum)
            column.DataType = DataType.NVarChar;
        else if (JsonColumns.IsJson(propertyType))
            column.DataType = engine == DatabaseEngine.PostgreSql ? DataType.BinaryJson : DataType.NText;
        return [column];
    }

    public MemberInfo[] GetDynamicColumns(Type type) => [];

    public string GetObjectID() => $".{nameof(ConventionMetadataReader)}.{engine}.";
}
