#!/usr/bin/python3
"""Is NEST exact? The tonic pattern of this folder's protocol (step current 10-510 ms, V_peak
-40 mV, no refractory period) by fourth-order Runge-Kutta at 1e-3 ms, the spike on that grid,
against NEST's aeif_cond_exp at dt = 0.01 ms (spike_times.csv). Run: /usr/bin/python3 rk4-tonic-check.py"""
import os
import math, csv
C,gL,EL,VT,DT,a,tw,b,Vr,I = 200,10,-70,-50,2,2,30,0,-58,500   # pF nS mV ms pA
Vp=-40
def f(v,w,i):
    x=min((v-VT)/DT,(Vp-VT)/DT)
    return (gL*(EL-v)+gL*DT*math.exp(x)-w+i)/C, (a*(v-EL)-w)/tw
h=1e-3; v=EL; w=0.0; t=0.0; sp=[]
N=int(600/h)
for k in range(N):
    t0=k*h
    i = I if (10.0-1e-9 <= t0 < 510.0-1e-9) else 0.0
    k1=f(v,w,i); k2=f(v+h/2*k1[0],w+h/2*k1[1],i); k3=f(v+h/2*k2[0],w+h/2*k2[1],i); k4=f(v+h*k3[0],w+h*k3[1],i)
    v+=h/6*(k1[0]+2*k2[0]+2*k3[0]+k4[0]); w+=h/6*(k1[1]+2*k2[1]+2*k3[1]+k4[1])
    if v>=Vp: sp.append((k+1)*h); v=Vr; w+=b
nest=[float(r['time_ms']) for r in csv.DictReader(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'spike_times.csv'))) if r['pattern']=='tonic' and r['simulator']=='NEST' and r['model']=='aeif_cond_exp' and r['dt_ms']=='0.01']
print(len(sp), len(nest))
d=[s-n for s,n in zip(sp,nest)]
print('ref-NEST first', d[:3], 'last', d[-3:], 'max', max(abs(x) for x in d))
