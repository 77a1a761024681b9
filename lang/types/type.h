// lang/types/type.h — Go's types, as go/types models them (the subset).
//
// A Type is immutable once built and owned by a TypeTable (one per compiled
// Program), so the checker may compare types by identity for every type
// literal it interns (TypeTable::Slice(T) returns the same Type* each time),
// as go/types' Identical would: type identity is pointer equality, except for
// the structural composites built by hand in tests.
//
// Kinds follow reflect.Kind, plus the untyped kinds of constants and nil,
// and kNamed/kTuple as in go/types. A named type's underlying type is set
// once its declaration is checked (SetUnderlying); methods are added as the
// file's method declarations are seen.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace gostep::lang::types {

enum class Kind : uint8_t {
  kInvalid,
  kBool,
  kInt, kInt8, kInt16, kInt32, kInt64,
  kUint, kUint8, kUint16, kUint32, kUint64, kUintptr,
  kFloat32, kFloat64,
  kComplex64, kComplex128,
  kString,
  kUnsafePointer,
  // Untyped constant kinds (go/types: UntypedBool ... UntypedNil).
  kUntypedBool, kUntypedInt, kUntypedRune, kUntypedFloat, kUntypedComplex, kUntypedString, kUntypedNil,
  // Composites.
  kArray, kSlice, kStruct, kPointer, kFunc, kInterface, kMap, kChan,
  kNamed,
  kTuple,  // the results of a multi-value call
};

class Type;
struct FuncDecl;

}  // namespace gostep::lang::types
namespace gostep::lang::exec {
struct FuncCode;
}  // namespace gostep::lang::exec
namespace gostep::lang::types {

struct StructField {
  std::string name;
  const Type* type = nullptr;
  bool embedded = false;
};

struct Method {
  std::string name;
  const Type* sig = nullptr;  // kFunc, without the receiver
  bool pointer_recv = false;  // declared on *T
  int func_index = -1;        // the compiled function (lowering's table); -1 for interface methods
  // A std type's method (sync.(*Mutex).Lock): its code, a wrapper around the
  // std package's C++ body (std_pkg::NativeMethod); func_index is -1.
  const exec::FuncCode* native = nullptr;
};

enum class ChanDirKind : uint8_t { kBoth, kSend, kRecv };

class Type {
 public:
  Kind kind() const { return kind_; }
  // Underlying returns the type itself, or a named type's underlying type.
  const Type* Underlying() const { return kind_ == Kind::kNamed ? underlying_ : this; }
  Kind UKind() const { return Underlying()->kind_; }

  // Composites.
  const Type* elem() const { return elem_; }  // array, slice, pointer, map value, chan
  const Type* key() const { return key_; }    // map
  int64_t len() const { return len_; }        // array
  ChanDirKind dir() const { return dir_; }
  const std::vector<StructField>& fields() const { return fields_; }
  const std::vector<const Type*>& params() const { return params_; }   // func; tuple members
  const std::vector<const Type*>& results() const { return results_; }
  bool variadic() const { return variadic_; }
  // Interface methods (sorted by name, embedded ones flattened), or a named
  // type's declared methods (in declaration order).
  const std::vector<Method>& methods() const { return methods_; }
  const std::string& name() const { return name_; }  // named: "T"; basic: "int"
  const std::string& pkg() const { return pkg_; }    // named: "main", "sync", "" for error

  // Predicates (go/types' isInteger, isUnsigned, …), on the underlying type.
  bool IsInteger() const;
  bool IsUnsigned() const;
  bool IsFloat() const;
  bool IsComplex() const;
  bool IsNumeric() const { return IsInteger() || IsFloat() || IsComplex(); }
  // IsOrdered reports whether < <= > >= are defined (integers, floats, strings).
  bool IsOrdered() const { return IsInteger() || IsFloat() || IsString(); }
  bool IsString() const;
  bool IsBoolean() const;
  bool IsUntyped() const;
  bool IsInterface() const { return UKind() == Kind::kInterface; }
  // Comparable reports whether == is defined (spec "Comparison operators").
  bool Comparable() const;
  // Size is the Go size in bytes on amd64 (unsafe.Sizeof).
  int64_t Size() const;
  int64_t Align() const;

  // String renders the type as go/types and %T do: "map[string]int",
  // "*main.node", "func(int) string", "[]interface {}".
  std::string String() const;

 private:
  friend class TypeTable;
  Kind kind_ = Kind::kInvalid;
  const Type* underlying_ = nullptr;
  const Type* elem_ = nullptr;
  const Type* key_ = nullptr;
  int64_t len_ = 0;
  ChanDirKind dir_ = ChanDirKind::kBoth;
  bool variadic_ = false;
  std::vector<StructField> fields_;
  std::vector<const Type*> params_, results_;
  std::vector<Method> methods_;
  std::string name_, pkg_;
};

// Identical reports whether a and b are identical types (go/types.Identical).
bool Identical(const Type* a, const Type* b);

// TypeTable owns the types of one program and interns type literals.
class TypeTable {
 public:
  TypeTable();
  TypeTable(const TypeTable&) = delete;
  TypeTable& operator=(const TypeTable&) = delete;

  const Type* Basic(Kind k) const { return basic_[static_cast<int>(k)]; }
  const Type* Int() const { return Basic(Kind::kInt); }
  const Type* Bool() const { return Basic(Kind::kBool); }
  const Type* String() const { return Basic(Kind::kString); }
  const Type* Float64() const { return Basic(Kind::kFloat64); }
  const Type* Invalid() const { return Basic(Kind::kInvalid); }
  const Type* Error() const { return error_; }          // the predeclared error
  const Type* EmptyInterface() const { return any_; }   // interface{}

  const Type* Slice(const Type* elem);
  const Type* Array(const Type* elem, int64_t len);
  const Type* Pointer(const Type* elem);
  const Type* Map(const Type* key, const Type* value);
  const Type* Chan(const Type* elem, ChanDirKind dir);
  const Type* Func(std::vector<const Type*> params, std::vector<const Type*> results, bool variadic);
  const Type* Tuple(std::vector<const Type*> members);
  const Type* Struct(std::vector<StructField> fields);
  const Type* Interface(std::vector<Method> methods);
  // NewNamed declares a named type; its underlying type comes later.
  Type* NewNamed(std::string pkg, std::string name);
  static void SetUnderlying(Type* named, const Type* underlying) { named->underlying_ = underlying->Underlying(); }
  static void AddMethod(Type* named, Method m) { named->methods_.push_back(std::move(m)); }
  // Std returns the std named type pkg.name ("sync", "Mutex"), creating it
  // with underlying() on first use, so each table has one of each.
  const Type* Std(const std::string& pkg, const std::string& name, const std::function<const Type*()>& underlying);
  // StdMethods gives a std type's methods (its method set: they satisfy
  // interfaces such as sync.Locker). The checker installs the std packages'
  // table, for its Go version, before it makes any std type.
  using StdMethods = std::function<std::vector<Method>(TypeTable&, const std::string& pkg, const std::string& name)>;
  void SetStdMethods(StdMethods m) { std_methods_ = std::move(m); }

 private:
  Type* Make(Kind k);
  std::deque<Type> all_;
  std::vector<const Type*> basic_;
  const Type* error_ = nullptr;
  const Type* any_ = nullptr;
  std::map<std::string, const Type*> interned_;  // keyed by a structural signature
  StdMethods std_methods_;
};

// Default returns the default type of an untyped kind (int, rune=int32,
// float64, complex128, string, bool); other types are returned unchanged.
const Type* Default(TypeTable& t, const Type* x);

// LookupMethod finds method `name` of type t (named T or *T, through embedded
// fields at depth 1 and deeper), as the method set rules allow. path receives
// the embedded-field indices to reach the receiver. Returns nullptr if none.
struct MethodLookup {
  const Method* method = nullptr;
  const Type* recv_named = nullptr;  // the named type declaring it
  std::vector<int> path;             // embedded field indices from t
  bool indirect = false;             // the path goes through a pointer
};
MethodLookup LookupMethod(const Type* t, const std::string& name);

// LookupField finds field `name` of struct type t (or *struct), through
// embedded fields. path receives the field indices.
bool LookupField(const Type* t, const std::string& name, std::vector<int>* path, const Type** field_type);

// Implements reports whether type t implements interface iface; on failure
// *missing names the first missing method.
bool Implements(const Type* t, const Type* iface, std::string* missing, bool* pointer_needed);

}  // namespace gostep::lang::types
