package main
/* a
b */ var x = 1 /* c
