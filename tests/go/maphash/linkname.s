// The functions of main.go declared without a body are linknamed to the
// runtime; an assembly file in the package lets the compiler accept them.
