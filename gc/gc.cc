// Placeholder translation unit until the heap lands.
namespace gostep::gc {}
