# cpu.gp - Where the CPU time goes.
# Draws cpu.dat; written by virtsim. Edit it and re-run from
# this directory: gnuplot cpu.gp (writes cpu.png).
set terminal pngcairo size 1000,600 noenhanced font 'sans,10'
set encoding utf8
if (!exists('outfile')) outfile = 'cpu.png'
set output outfile
set title 'Where the CPU time goes: golden' font ',13'
set key outside right top vertical
set grid lc rgb '#d0d0d0'
set border 3
set tics nomirror
set format x '%.10g'
set format y '%.10g'
set style data histograms
set style histogram rowstacked
set style fill solid 0.9 border rgb '#404040'
set boxwidth 0.7 relative
set grid noxtics ytics
set yrange [0:1.19]
set ylabel 'CPU time (CPU-seconds per simulated second)'
set xlabel 'cell (instance / generation); on top: CPU overhead over the guest''s own work'
set xtics rotate by -25 left
plot 'cpu.dat' using 2:xticlabels(1) title 'guest user' lc rgb '#4c72b0', \
     'cpu.dat' using 3 title 'guest kernel' lc rgb '#a1c4e8', \
     'cpu.dat' using 4 title 'VM exits' lc rgb '#dd8452', \
     'cpu.dat' using 5 title 'binary translation' lc rgb '#c44e52', \
     'cpu.dat' using 6 title 'device emulation' lc rgb '#8172b3', \
     'cpu.dat' using 7 title 'backend (dom0, host drivers)' lc rgb '#937860', \
     'cpu.dat' using 8 title 'offload (card hardware, no host CPU)' lc rgb '#55a868' fs pattern 4 border rgb '#404040', \
     'cpu.dat' using 0:9:10 with labels offset 0,0.8 notitle
