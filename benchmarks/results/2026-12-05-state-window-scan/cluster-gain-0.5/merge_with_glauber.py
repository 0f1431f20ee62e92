import csv,sys,subprocess
# merge glauber rows of a both-run with a spiking-only run, then run the fidelity script
both, sp, out = sys.argv[1:4]
rows=[r for r in csv.DictReader(open(both)) if r['sampler']=='glauber']
rs=list(csv.DictReader(open(sp)))
with open(out,'w',newline='') as f:
    w=csv.DictWriter(f,fieldnames=list(rows[0].keys())); w.writeheader()
    for r in rows+rs: w.writerow(r)
