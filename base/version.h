/*
 * version.h - the program's version, printed by `virtsim --version` and
 * written into results files.
 */
#ifndef VIRTSIM_VERSION_H
#define VIRTSIM_VERSION_H

#define VIRTSIM_VERSION "0.1.0"

#endif
